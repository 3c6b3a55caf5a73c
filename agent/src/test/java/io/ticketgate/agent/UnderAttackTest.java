package io.ticketgate.agent;

import static io.ticketgate.agent.Attackers.awaitTrue;
import static io.ticketgate.agent.Attackers.healthyWith;
import static io.ticketgate.agent.Attackers.legitimatePlayerGetsIn;
import static io.ticketgate.agent.Attackers.usedHeapAfterGc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.ResultCode;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent under attack on loopback, one attack a test: each is bounded and stops by itself.
 * During each, a legitimate player from an address of its own is ACCEPTED within 3 s; heap use
 * stays bounded; afterwards the agent answers /healthz, holds no attacker's connection, and its
 * sessions are where they should be.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnderAttackTest {

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }

    private TicketgateAgent agent(TicketgateListener listener, Duration handshakeTimeout, Duration admissionTimeout) {
        return closing(TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .playerBindAddress("127.0.0.1")
                .handshakeTimeout(handshakeTimeout)
                .admissionTimeout(admissionTimeout)
                .listener(listener)
                .build()
                .start());
    }

    private TicketgateAgent agent() {
        return agent((session, connection) -> Admission.accepted(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static String gameSession(TicketgateAgent agent, int slots) {
        return agent.createGameSession(CreateGameSessionRequest.builder(slots).build()).gameSessionId();
    }

    /** Attacker addresses: {@code count} of them from 127.0.0.{first}. */
    private static String attacker(int first, int index, int count) {
        return "127.0.0." + (first + index % count);
    }

    @Test
    void slowHandshakesOnThePlayerPortAreTimedOutWhilePlayersGetIn() throws Exception {
        TicketgateAgent agent = agent();
        String game = gameSession(agent, 10);
        long heapBefore = usedHeapAfterGc();
        Attackers slowloris = closing(new Attackers());
        // 1,000 connections that each send the first byte of a CONNECT, then nothing.
        for (int i = 0; i < 1000; i++) {
            slowloris.open(attacker(10, i, 8), agent.playerAddress()).getOutputStream().write('T');
        }
        closing(legitimatePlayerGetsIn(agent, game));
        // The handshake timeout (2 s) ends every one of them; none is held forever.
        awaitTrue(() -> closedByAgent(slowloris) == 1000, Duration.ofSeconds(30), "all 1,000 slow handshakes closed");
        closing(legitimatePlayerGetsIn(agent, game));
        slowloris.close();
        healthyWith(agent, 2, heapBefore);
    }

    @Test
    void garbageConnectionsAreRefusedWhilePlayersGetIn() throws Exception {
        TicketgateAgent agent = agent();
        String game = gameSession(agent, 10);
        long heapBefore = usedHeapAfterGc();
        int connections = 20_000;
        AtomicInteger refused = new AtomicInteger();
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int source = thread;
            done.add(attackers.submit(() -> {
                Random random = new Random(source);
                byte[] garbage = new byte[64];
                for (int i = 0; i < connections / 8; i++) {
                    random.nextBytes(garbage);
                    try (Socket socket = Attackers.connect(attacker(20, source, 8), agent.playerAddress())) {
                        socket.setSoTimeout(10_000);
                        socket.getOutputStream().write(garbage);
                        // Whatever the agent answers (MALFORMED, or BUSY over a limit), it closes.
                        socket.getInputStream().readAllBytes();
                        refused.incrementAndGet();
                    } catch (IOException reset) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            // Players keep getting in while the garbage flows.
            while (!done.stream().allMatch(Future::isDone)) {
                closing(legitimatePlayerGetsIn(agent, game)).close();
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            attackers.shutdownNow();
        }
        assertEquals(connections, refused.get());
        healthyWith(agent, 0, heapBefore);
    }

    @Test
    void replayedCompletedIdsAreRefusedWhilePlayersGetIn() throws Exception {
        TicketgateAgent agent = agent();
        String game = gameSession(agent, 250);
        long heapBefore = usedHeapAfterGc();
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = agent.reservePlayerSession(game, "played-" + i, null).playerSessionId();
            assertEquals(ResultCode.ACCEPTED, Attackers.resultOfConnect(attacker(40, i, 8), agent, id));
            completed.add(id);
        }
        awaitTrue(() -> completed.stream().allMatch(id ->
                agent.playerSession(id).orElseThrow().status() == PlayerSessionStatus.COMPLETED),
                Duration.ofSeconds(10), "the 200 played sessions are COMPLETED");

        ExecutorService replayers = Executors.newFixedThreadPool(16);
        try {
            List<Future<ResultCode>> replies = new ArrayList<>();
            for (int i = 0; i < completed.size(); i++) {
                String id = completed.get(i);
                String source = attacker(50, i, 8);
                replies.add(replayers.submit(() -> Attackers.resultOfConnect(source, agent, id)));
            }
            closing(legitimatePlayerGetsIn(agent, game));
            for (Future<ResultCode> reply : replies) {
                assertEquals(ResultCode.SESSION_COMPLETED, reply.get());
            }
        } finally {
            replayers.shutdownNow();
        }
        assertTrue(completed.stream().allMatch(id ->
                agent.playerSession(id).orElseThrow().status() == PlayerSessionStatus.COMPLETED));
        healthyWith(agent, 1, heapBefore);
    }

    @Test
    void gameCallbacksThatThrowOrNeverAnswerDoNotKeepPlayersOut() throws Exception {
        TicketgateListener game = (session, connection) -> {
            if (session.playerId().startsWith("throws-")) {
                throw new IllegalStateException("the game's bug");
            }
            if (session.playerId().startsWith("silent-")) {
                return new CompletableFuture<>();
            }
            return Admission.accepted();
        };
        TicketgateAgent agent = agent(game, Duration.ofSeconds(2), Duration.ofSeconds(1));
        String room = gameSession(agent, 250);
        long heapBefore = usedHeapAfterGc();
        List<String> throwing = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            throwing.add(agent.reservePlayerSession(room, "throws-" + i, null).playerSessionId());
            silent.add(agent.reservePlayerSession(room, "silent-" + i, null).playerSessionId());
        }
        ExecutorService players = Executors.newFixedThreadPool(32);
        try {
            List<Future<ResultCode>> throwingResults = connectAll(players, agent, throwing);
            List<Future<ResultCode>> silentResults = connectAll(players, agent, silent);
            closing(legitimatePlayerGetsIn(agent, room));
            for (Future<ResultCode> result : throwingResults) {
                assertEquals(ResultCode.REJECTED_BY_GAME, result.get());
            }
            for (Future<ResultCode> result : silentResults) {
                assertEquals(ResultCode.BUSY, result.get());
            }
        } finally {
            players.shutdownNow();
        }
        // A thrown callback ends the session; an unanswered one gives the slot back, to retry.
        assertTrue(throwing.stream().allMatch(id ->
                agent.playerSession(id).orElseThrow().status() == PlayerSessionStatus.COMPLETED));
        assertTrue(silent.stream().allMatch(id ->
                agent.playerSession(id).orElseThrow().status() == PlayerSessionStatus.RESERVED));
        healthyWith(agent, 1, heapBefore);
    }

    private static List<Future<ResultCode>> connectAll(ExecutorService players, TicketgateAgent agent,
            List<String> ids) {
        List<Future<ResultCode>> results = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String source = attacker(60, i, 8);
            results.add(players.submit(() -> Attackers.resultOfConnect(source, agent, id)));
        }
        return results;
    }

    private static int closedByAgent(Attackers attackers) {
        try {
            return attackers.closedByAgent();
        } catch (IOException e) {
            return -1;
        }
    }
}
