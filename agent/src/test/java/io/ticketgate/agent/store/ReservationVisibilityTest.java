package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.time.AgentClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Describes read player sessions without the game session's lock, so a reservation must be
 * complete before it becomes visible to them.
 */
@Timeout(30)
class ReservationVisibilityTest {

    private static final int GAME_SESSIONS = 3_000;
    private static final int BATCH = 25;

    @Test
    void aDescribeRacingReservationsNeverSeesAHalfMadeOne() throws Exception {
        SessionStore store = new SessionStore(new StoreSettings("fleet-local", "local", "000000000000", "127.0.0.1",
                null, 7777, Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1), 1_000_000, 10_000,
                GAME_SESSIONS, GameSessionActivation.AUTO, 50),
                AgentClock.system(), Scheduler.disabledScheduler(), Runnable::run, event -> { });
        List<String> players = IntStream.range(0, BATCH).mapToObj(i -> "player-" + i).toList();
        AtomicReference<String> latest = new AtomicReference<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> reservations = writer.submit(() -> {
                for (int i = 0; i < GAME_SESSIONS; i++) {
                    String game = store.createGameSession(CreateGameSessionRequest.builder(BATCH).build())
                            .gameSessionId();
                    latest.set(game);
                    store.reservePlayerSessions(game, players, Map.of());
                }
            });
            while (!reservations.isDone()) {
                String game = latest.get();
                if (game == null) {
                    continue;
                }
                DescribePlayerSessionsRequest ofGame = DescribePlayerSessionsRequest.byGameSession(game);
                store.describePlayerSessions(ofGame).items().forEach(session -> assertNotNull(session.status()));
                for (PlayerSession session : store.describePlayerSessions(
                        ofGame.withStatus(PlayerSessionStatus.RESERVED)).items()) {
                    assertEquals(PlayerSessionStatus.RESERVED, session.status());
                }
            }
            reservations.get();
            assertEquals((long) GAME_SESSIONS * BATCH, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        } finally {
            writer.shutdownNow();
        }
    }
}
