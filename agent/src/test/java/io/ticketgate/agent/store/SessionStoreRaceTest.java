package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionFullException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Races on real threads, started together by a barrier. Expiry callbacks run on a real timer
 * thread, as in production; time still moves only through the fake clock.
 */
@Timeout(60)
class SessionStoreRaceTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 200;

    private final ExecutorService racers = Executors.newFixedThreadPool(THREADS);
    private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    private final StoreFixture fixture = new StoreFixture(StoreFixture.settings()
            .retention(Duration.ofDays(365)).reconnectGrace(Duration.ofSeconds(30)), timerThread);
    private final SessionStore store = fixture.store;
    private final RecordingSink events = fixture.events;

    @AfterEach
    void stopThreads() throws InterruptedException {
        racers.shutdownNow();
        timerThread.shutdownNow();
        assertTrue(racers.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(timerThread.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void concurrentConnectsToOneSessionHaveOneWinner() throws Exception {
        GameSession game = fixture.createGameSession(ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            String id = store.reservePlayerSession(game.gameSessionId(), "player-" + round, null).playerSessionId();
            List<Callable<ConnectOutcome>> connects = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                connects.add(() -> store.connect(id));
            }

            List<ConnectOutcome> outcomes = race(connects);

            assertEquals(1, outcomes.stream().filter(ConnectOutcome::isAccepted).count(), outcomes.toString());
            assertEquals(THREADS - 1, outcomes.stream()
                    .filter(outcome -> outcome.code() == ResultCode.SESSION_ALREADY_ACTIVE).count());
            assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED), events.playerChanges(id));
        }
        assertEquals(ROUNDS, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void concurrentReconnectsHaveOneWinner() throws Exception {
        GameSession game = fixture.createGameSession(ROUNDS);
        for (int round = 0; round < ROUNDS; round++) {
            String id = store.reservePlayerSession(game.gameSessionId(), "player-" + round, null).playerSessionId();
            ConnectOutcome first = store.connect(id);
            store.disconnect(id, first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
            List<Callable<ConnectOutcome>> connects = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                connects.add(() -> store.connect(id));
            }

            List<ConnectOutcome> outcomes = race(connects);

            List<ConnectOutcome> winners = outcomes.stream().filter(ConnectOutcome::isAccepted).toList();
            assertEquals(1, winners.size(), outcomes.toString());
            assertTrue(winners.get(0).reconnect());
            assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.DISCONNECTED,
                    PlayerChange.RECONNECTED), events.playerChanges(id));
        }
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void connectRemovalAndExpiryAtTheDeadlineHaveOneWinner() throws Exception {
        GameSession game = fixture.createGameSession(4);
        int timedOut = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String id = store.reservePlayerSession(game.gameSessionId(), "player-" + round, null).playerSessionId();
            fixture.time.advance(StoreFixture.RESERVATION_TIMEOUT);
            List<Callable<Object>> contenders = List.of(
                    () -> store.connect(id),
                    () -> {
                        store.runMaintenance();
                        return null;
                    },
                    () -> store.removePlayerSession(id));

            List<Object> results = race(contenders);
            drainTimerThread();

            ConnectOutcome connect = (ConnectOutcome) results.get(0);
            PlayerSession removal = (PlayerSession) results.get(2);
            List<PlayerSessionChanged> history = events.player(id);
            assertEquals(2, history.size(), history.toString());
            PlayerSessionChanged ending = history.get(1);
            PlayerSession end = store.playerSession(id).orElseThrow();
            assertEquals(ending.session(), end);
            assertEquals(end, removal);
            assertFalse(connect.isAccepted());
            if (ending.change() == PlayerChange.TIMED_OUT) {
                timedOut++;
                assertEquals(PlayerSessionStatus.TIMEDOUT, end.status());
                assertEquals(ResultCode.SESSION_TIMED_OUT, connect.code());
            } else {
                assertEquals(PlayerChange.COMPLETED, ending.change(), history.toString());
                assertEquals(DisconnectReason.REMOVED, ending.reason());
                assertEquals(ResultCode.SESSION_COMPLETED, connect.code());
            }
            assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        }
        assertTrue(timedOut > 0, "connect or the timer should win some rounds");
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(ROUNDS, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT)
                + store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void connectAndRemovalBeforeTheDeadlineEndTheSessionOnce() throws Exception {
        GameSession game = fixture.createGameSession(4);
        for (int round = 0; round < ROUNDS; round++) {
            String id = store.reservePlayerSession(game.gameSessionId(), "player-" + round, null).playerSessionId();
            List<Callable<Object>> contenders = List.of(() -> store.connect(id), () -> store.removePlayerSession(id));

            ConnectOutcome connect = (ConnectOutcome) race(contenders).get(0);

            List<PlayerChange> changes = events.playerChanges(id);
            if (connect.isAccepted()) {
                assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.COMPLETED), changes);
            } else {
                assertEquals(ResultCode.SESSION_COMPLETED, connect.code());
                assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.COMPLETED), changes);
            }
            assertEquals(PlayerSessionStatus.COMPLETED, store.playerSession(id).orElseThrow().status());
        }
        drainTimerThread();
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void concurrentReservationsNeverExceedTheMaximum() throws Exception {
        int capacity = 10;
        for (int round = 0; round < 50; round++) {
            GameSession game = fixture.createGameSession(capacity);
            AtomicInteger players = new AtomicInteger();
            List<Callable<Integer>> reservers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                reservers.add(() -> {
                    int reserved = 0;
                    for (int attempt = 0; attempt < 4; attempt++) {
                        try {
                            String playerId = "player-" + players.incrementAndGet();
                            store.reservePlayerSession(game.gameSessionId(), playerId, null);
                            reserved++;
                        } catch (GameSessionFullException full) {
                            // Expected once the slots are gone.
                        }
                    }
                    return reserved;
                });
            }

            int reserved = race(reservers).stream().mapToInt(Integer::intValue).sum();

            assertEquals(capacity, reserved);
            assertEquals(capacity, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
            assertEquals(capacity, fixture.allPlayerSessions(game.gameSessionId()).size());
            store.endGameSession(game.gameSessionId());
        }
        drainTimerThread();
        fixture.assertCountsMatchDescribe();
        events.assertEveryHistoryLegal();
    }

    @Test
    void concurrentBatchesAreAllOrNothing() throws Exception {
        int capacity = 10;
        for (int round = 0; round < 50; round++) {
            GameSession game = fixture.createGameSession(capacity);
            AtomicInteger players = new AtomicInteger();
            List<Callable<Integer>> reservers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int size = 1 + i % 4;
                reservers.add(() -> {
                    List<String> batch = new ArrayList<>();
                    for (int p = 0; p < size; p++) {
                        batch.add("player-" + players.incrementAndGet());
                    }
                    try {
                        return store.reservePlayerSessions(game.gameSessionId(), batch, null).size();
                    } catch (GameSessionFullException full) {
                        return 0;
                    }
                });
            }

            int reserved = race(reservers).stream().mapToInt(Integer::intValue).sum();

            int held = store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount();
            assertEquals(reserved, held);
            assertTrue(held <= capacity, "held " + held);
            assertEquals(held, fixture.allPlayerSessions(game.gameSessionId()).size());
            store.endGameSession(game.gameSessionId());
        }
        drainTimerThread();
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void describeDuringReservationsSeesOnlyWholeSessions() throws Exception {
        GameSession game = fixture.createGameSession(5_000);
        int batches = 100;
        AtomicInteger reservedBatches = new AtomicInteger();
        List<Callable<Integer>> tasks = new ArrayList<>();
        tasks.add(() -> {
            for (int batch = 0; batch < batches; batch++) {
                List<String> players = new ArrayList<>();
                for (int p = 0; p < 25; p++) {
                    players.add("player-" + batch + "-" + p);
                }
                store.reservePlayerSessions(game.gameSessionId(), players, null);
                reservedBatches.incrementAndGet();
            }
            return 0;
        });
        for (int i = 1; i < THREADS; i++) {
            boolean byStatus = i % 2 == 0;
            tasks.add(() -> {
                int pages = 0;
                while (reservedBatches.get() < batches) {
                    DescribePlayerSessionsRequest request = DescribePlayerSessionsRequest
                            .byGameSession(game.gameSessionId()).withLimit(10_000);
                    Page<PlayerSession> page = store.describePlayerSessions(
                            byStatus ? request.withStatus(PlayerSessionStatus.RESERVED) : request);
                    page.items().forEach(player -> assertEquals(PlayerSessionStatus.RESERVED, player.status()));
                    pages++;
                }
                return pages;
            });
        }

        race(tasks);

        assertEquals(batches * 25, fixture.allPlayerSessions(game.gameSessionId()).size());
    }

    @Test
    void mixedTrafficKeepsEveryHistoryLegalAndEveryCountExact() throws Exception {
        List<GameSession> games = List.of(fixture.createGameSession(6), fixture.createGameSession(6),
                fixture.createGameSession(6));
        List<String> ids = new CopyOnWriteArrayList<>();
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS - 1; t++) {
            long seed = t;
            workers.add(() -> traffic(new Random(seed), games, ids));
        }
        workers.add(() -> {
            for (int tick = 0; tick < 40; tick++) {
                fixture.time.advance(Duration.ofSeconds(3));
                store.runMaintenance();
            }
            return 0;
        });

        race(workers);
        drainTimerThread();

        events.assertEveryHistoryLegal();
        for (String id : ids) {
            List<PlayerSessionChanged> history = events.player(id);
            assertEquals(history.get(history.size() - 1).session(), store.playerSession(id).orElseThrow());
        }
        for (GameSession game : games) {
            int held = store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount();
            assertTrue(held <= 6, "held " + held);
        }
        fixture.assertCountsMatchDescribe();
    }

    private record Connection(String playerSessionId, long connectionId) {
    }

    private int traffic(Random random, List<GameSession> games, List<String> ids) {
        List<Connection> connections = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            int action = random.nextInt(10);
            if (action < 3 || ids.isEmpty()) {
                GameSession game = games.get(random.nextInt(games.size()));
                try {
                    String id = store.reservePlayerSession(game.gameSessionId(), "player-" + random.nextInt(50), null)
                            .playerSessionId();
                    ids.add(id);
                    mine.add(id);
                } catch (GameSessionFullException full) {
                    // The game sessions are small on purpose.
                }
            } else if (action < 6) {
                String id = ids.get(random.nextInt(ids.size()));
                ConnectOutcome outcome = store.connect(id);
                if (outcome.isAccepted()) {
                    connections.add(new Connection(id, outcome.connectionId()));
                }
            } else if (action < 8 && !connections.isEmpty()) {
                Connection connection = connections.remove(random.nextInt(connections.size()));
                DisconnectReason reason = random.nextBoolean() ? DisconnectReason.CONNECTION_CLOSED
                        : DisconnectReason.REJECTED_BY_GAME;
                store.disconnect(connection.playerSessionId(), connection.connectionId(), reason);
            } else if (action == 8 && !mine.isEmpty()) {
                store.removePlayerSession(mine.get(random.nextInt(mine.size())));
            }
        }
        return mine.size();
    }

    /** Starts every task at once and returns their results in order. */
    private <T> List<T> race(List<? extends Callable<T>> tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(racers.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /** Waits until the timer thread has run every expiry callback handed to it so far. */
    private void drainTimerThread() throws Exception {
        timerThread.submit(() -> { }).get();
    }
}
