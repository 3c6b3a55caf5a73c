package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ticketgate.agent.RecordingListener.Disconnected;
import io.ticketgate.protocol.ResultCode;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrent claims of one player session, over real sockets: exactly one player gets in. */
@Timeout(30)
class ConnectRaceTest {

    private static final int CONTENDERS = 8;
    private static final int ROUNDS = 50;

    private final RecordingListener game = new RecordingListener();
    private final ExecutorService players = Executors.newFixedThreadPool(CONTENDERS + 1);
    private LoopbackAgent gate;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game);
    }

    @AfterEach
    void stop() {
        players.shutdownNow();
        gate.close();
    }

    @Test
    void ofConcurrentConnectsWithOneIdExactlyOneIsAccepted() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = gate.reserve("player-" + round);
            List<PlayerSocket> sockets = new ArrayList<>();
            try {
                // Connected first, so the race is between the CONNECTs alone.
                for (int i = 0; i < CONTENDERS; i++) {
                    sockets.add(gate.open());
                }
                CyclicBarrier together = new CyclicBarrier(CONTENDERS);
                List<Future<ResultCode>> results = new ArrayList<>();
                for (PlayerSocket socket : sockets) {
                    results.add(players.submit(() -> {
                        together.await();
                        ResultCode code = socket.connect(id).code();
                        if (code != ResultCode.ACCEPTED) {
                            socket.assertClosedByAgent();
                        }
                        return code;
                    }));
                }
                Map<ResultCode, Long> codes = new EnumMap<>(ResultCode.class);
                for (Future<ResultCode> result : results) {
                    codes.merge(result.get(), 1L, Long::sum);
                }
                assertEquals(Map.of(ResultCode.ACCEPTED, 1L, ResultCode.SESSION_ALREADY_ACTIVE, (long) CONTENDERS - 1),
                        codes, "round " + round);
            } finally {
                for (PlayerSocket socket : sockets) {
                    socket.close();
                }
            }
        }

        for (int i = 0; i < ROUNDS; i++) {
            Disconnected gone = next(game.disconnected);
            assertEquals(DisconnectReason.CONNECTION_CLOSED, gone.reason());
            assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        }
        gate.close();
        assertEquals(ROUNDS, game.accepted.size());
        assertEquals(ROUNDS, game.accepted.stream().map(accepted -> accepted.session().playerSessionId()).distinct()
                .count(), "one onPlayerAccepted per player session");
        game.assertOneDisconnectPerAdmission();
    }

    @Test
    void playerRemovedWhileConnectingNeverStaysConnected() throws Exception {
        // However the removal and the CONNECT interleave, the player ends up disconnected, told
        // why by a RESULT: refused before the claim or while the game decides, or closed after ACCEPTED.
        for (int round = 0; round < 200; round++) {
            String id = gate.reserve("player-" + round);
            try (PlayerSocket player = gate.open()) {
                // A removed player left connected would hang here: the bound turns that into a failure.
                player.setReadTimeoutMillis(5000);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<PlayerSession> removal = players.submit(() -> {
                    together.await();
                    return gate.agent.removePlayerSession(id);
                });
                together.await();
                ResultCode code = player.connect(id).code();
                assertEquals(PlayerSessionStatus.COMPLETED, removal.get().status());
                assertTrue(code == ResultCode.ACCEPTED || code == ResultCode.SESSION_COMPLETED, "round " + round
                        + ": " + code);
                try {
                    player.assertClosedByAgent();
                } catch (SocketTimeoutException e) {
                    fail("round " + round + ": the removed player is still connected after " + code);
                }
            }
        }
        gate.close();
        game.assertOneDisconnectPerAdmission();
        assertTrue(game.disconnected.stream().allMatch(gone -> gone.reason() == DisconnectReason.REMOVED),
                game.disconnected.toString());
    }
}
