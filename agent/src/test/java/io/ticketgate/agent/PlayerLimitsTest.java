package io.ticketgate.agent;

import static io.ticketgate.agent.Attackers.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The player port's limits over real loopback connections, each from an address of its own
 * (all of 127/8 is loopback): over a limit a player gets BUSY at once, and nothing else changes.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlayerLimitsTest {

    private static LoopbackAgent agent(PlayerLimits limits) {
        return LoopbackAgent.start((session, connection) -> Admission.accepted(), b -> b.playerLimits(limits));
    }

    /** Opens a connection from {@code source} and sends a CONNECT; returns the RESULT, read within 3 s. */
    private static ResultFrame connect(Attackers connections, String source, LoopbackAgent agent, String id)
            throws Exception {
        Socket socket = connections.open(source, agent.agent.playerAddress());
        socket.setSoTimeout((int) Attackers.SERVED_WITHIN.toMillis());
        socket.getOutputStream().write(new ConnectFrame(id).toBytes());
        return ResultFrame.read(socket.getInputStream());
    }

    @Test
    void theSixthConnectionFromOneAddressGetsBusyAndItsReservationSurvives() throws Exception {
        try (LoopbackAgent agent = agent(new PlayerLimits(5, 100, 2000)); Attackers connections = new Attackers()) {
            for (int i = 0; i < 5; i++) {
                connections.open("127.0.0.5", agent.agent.playerAddress());
            }
            // Connected is not yet accepted: wait until the agent holds all five.
            awaitTrue(() -> pendingHandshakes(agent) == 5, Duration.ofSeconds(10), "the agent holds five connections");
            String id = agent.reserve("sixth");
            ResultFrame busy = connect(connections, "127.0.0.5", agent, id);
            assertEquals(ResultCode.BUSY, busy.code(), busy.toString());
            assertEquals("too many connections from your address", busy.detail());
            assertEquals(PlayerSessionStatus.RESERVED, agent.status(id), "BUSY consumes no reservation");

            assertEquals(ResultCode.ACCEPTED, connect(connections, "127.0.0.6", agent, id).code(),
                    "another address is served, with the same reservation");
            assertEquals(PlayerSessionStatus.ACTIVE, agent.status(id));
            assertTrue(Attackers.get(agent.agent, "/metrics").body()
                    .contains("ticketgate_player_refused_total{limit=\"connections-per-address\"} 1.0"));
        }
    }

    @Test
    void handshakesPendingFromAllAddressesAreBounded() throws Exception {
        try (LoopbackAgent agent = agent(new PlayerLimits(256, 100, 3)); Attackers connections = new Attackers()) {
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                silent.add(connections.open("127.0.0." + (10 + i), agent.agent.playerAddress()));
            }
            awaitTrue(() -> pendingHandshakes(agent) == 3, Duration.ofSeconds(10), "three handshakes pending");
            String id = agent.reserve("late");
            assertEquals(ResultCode.BUSY, connect(connections, "127.0.0.20", agent, id).code());
            silent.get(0).close();
            // Once the agent has seen that close, a handshake is free again.
            awaitTrue(() -> pendingHandshakes(agent) < 3, Duration.ofSeconds(10),
                    "a pending handshake ends with its connection");
            assertEquals(ResultCode.ACCEPTED, connect(connections, "127.0.0.21", agent, id).code());
        }
    }

    private static int pendingHandshakes(LoopbackAgent agent) {
        return Attackers.gauge(agent.agent, "ticketgate_player_pending_handshakes");
    }

    @Test
    void aWholeMatchFromOneNatAddressGetsInAtOnceOnTheDefaults() throws Exception {
        try (LoopbackAgent agent = agent(PlayerLimits.defaults()); Attackers connections = new Attackers()) {
            String match = agent.agent.createGameSession(CreateGameSessionRequest.builder(200).build()).gameSessionId();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ids.add(agent.agent.reservePlayerSession(match, "player-" + i, null).playerSessionId());
            }
            ExecutorService players = Executors.newFixedThreadPool(50);
            try {
                List<Future<ResultCode>> results = new ArrayList<>();
                for (String id : ids) {
                    results.add(players.submit(() -> connect(connections, "127.0.0.30", agent, id).code()));
                }
                for (Future<ResultCode> result : results) {
                    assertEquals(ResultCode.ACCEPTED, result.get());
                }
            } finally {
                players.shutdownNow();
            }
        }
    }
}
