package io.ticketgate.agent.control;

import static io.ticketgate.agent.Attackers.SERVED_WITHIN;
import static io.ticketgate.agent.Attackers.awaitTrue;
import static io.ticketgate.agent.Attackers.usedHeapAfterGc;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.Attackers;
import io.ticketgate.agent.ControlLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control port under a slowloris attack: 300 connections that each send part of a request
 * and stall. A signed control call still answers within 3 s, every stalled connection is closed
 * by the header timeout, and afterwards the agent is healthy with its heap where it was.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlUnderAttackTest {

    private static final byte[] PART_OF_A_REQUEST = "POST / HTTP/1.1\r\nHost: agent\r\nX-Amz-Tar".getBytes();

    @Test
    void stalledRequestsAreClosedWhileSignedCallsAreAnswered() throws Exception {
        ControlLimits limits = new ControlLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(60),
                512, 2 * 1024 * 1024, 1000);
        try (SdkAgent sdk = SdkAgent.start(builder -> builder.controlLimits(limits));
                Attackers slowloris = new Attackers()) {
            long heapBefore = usedHeapAfterGc();
            InetSocketAddress control = new InetSocketAddress("127.0.0.1", sdk.agent.controlPort());
            for (int i = 0; i < 300; i++) {
                slowloris.open("127.0.0." + (70 + i % 8), control).getOutputStream().write(PART_OF_A_REQUEST);
            }
            signedCallIsAnswered(sdk);
            awaitTrue(() -> closed(slowloris) == 300, Duration.ofSeconds(30), "all 300 stalled requests closed");
            signedCallIsAnswered(sdk);
            assertTrue(usedHeapAfterGc() - heapBefore < Attackers.HEAP_GROWTH_BOUND, "heap grew past the bound");
        }
    }

    private static void signedCallIsAnswered(SdkAgent sdk) {
        long start = System.nanoTime();
        sdk.newGameSession(2);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(SERVED_WITHIN) <= 0, "a signed call took " + took);
    }

    private static int closed(Attackers attackers) {
        try {
            return attackers.closedByAgent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
