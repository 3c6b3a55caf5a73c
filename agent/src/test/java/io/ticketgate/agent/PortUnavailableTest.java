package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A port the agent cannot bind is told apart from other start-up failures, and named. */
@Timeout(10)
class PortUnavailableTest {

    @Test
    void aTakenPlayerPortIsNamedAsThePlayerPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TicketgateAgent agent = agentOn(taken.getLocalPort(), 0);

            PortUnavailableException refused = assertThrows(PortUnavailableException.class, agent::start);

            assertEquals(PortUnavailableException.Port.PLAYER, refused.port());
            assertEquals("127.0.0.1:" + taken.getLocalPort(), refused.address());
            assertTrue(refused.reason().contains("in use"), refused.reason());
            assertEquals("cannot listen for players on 127.0.0.1:" + taken.getLocalPort() + ": " + refused.reason(),
                    refused.getMessage());
            // Still the UncheckedIOException start() was documented to throw, with its message as the cause's.
            assertEquals(refused.getMessage(), ((UncheckedIOException) refused).getCause().getMessage());
        }
    }

    @Test
    void aTakenControlPortIsNamedAsTheControlPortAndThePlayerPortIsLetGo() throws Exception {
        int playerPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            playerPort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortUnavailableException refused = assertThrows(PortUnavailableException.class,
                    agentOn(playerPort, taken.getLocalPort())::start);

            assertEquals(PortUnavailableException.Port.CONTROL, refused.port());
            assertEquals("127.0.0.1:" + taken.getLocalPort(), refused.address());
        }
        // The failed start let its player port go: another agent may have it.
        try (TicketgateAgent again = agentOn(playerPort, 0).start()) {
            assertEquals(playerPort, again.playerPort());
        }
    }

    private static TicketgateAgent agentOn(int playerPort, int controlPort) {
        return TicketgateAgent.builder()
                .playerPort(playerPort)
                .playerBindAddress("127.0.0.1")
                .controlPort(controlPort)
                .listener((session, connection) -> Admission.accepted())
                .build();
    }
}
