package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionStatus;
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

/** A status filter holds for every item returned, even while statuses change under the describe. */
@Timeout(30)
class FilteredDescribeTest {

    private static final int ROUNDS = 2_000;
    private static final int BATCH = 25;

    private final SessionStore store = new SessionStore(new StoreSettings("fleet-local", "local", "000000000000",
            "127.0.0.1", null, 7777, Duration.ofMinutes(1), Duration.ZERO, Duration.ofDays(1), 1_000_000, 100_000,
            ROUNDS, GameSessionActivation.AUTO, 50),
            AgentClock.system(), Scheduler.disabledScheduler(), Runnable::run, event -> { });

    @Test
    void aPlayerSessionsStatusFilterHoldsWhileStatusesChange() throws Exception {
        List<String> players = IntStream.range(0, BATCH).mapToObj(i -> "player-" + i).toList();
        AtomicReference<String> latest = new AtomicReference<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> changes = writer.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    String game = store.createGameSession(CreateGameSessionRequest.builder(BATCH).build())
                            .gameSessionId();
                    List<PlayerSession> reserved = store.reservePlayerSessions(game, players, Map.of());
                    reserved.forEach(session -> store.connect(session.playerSessionId()));
                    latest.set(game);
                    reserved.forEach(session -> store.removePlayerSession(session.playerSessionId()));
                }
            });
            while (!changes.isDone()) {
                String game = latest.get();
                if (game == null) {
                    continue;
                }
                for (PlayerSession session : store.describePlayerSessions(DescribePlayerSessionsRequest
                        .byGameSession(game).withStatus(PlayerSessionStatus.ACTIVE)).items()) {
                    assertEquals(PlayerSessionStatus.ACTIVE, session.status(), session.playerSessionId());
                }
            }
            changes.get();
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aGameSessionsStatusFilterHoldsWhileStatusesChange() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> changes = writer.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    String game = store.createGameSession(CreateGameSessionRequest.builder(1).build())
                            .gameSessionId();
                    store.endGameSession(game);
                }
            });
            while (!changes.isDone()) {
                for (GameSession game : store.describeGameSessions(new DescribeGameSessionsRequest(null,
                        GameSessionStatus.ACTIVE, 10, null)).items()) {
                    assertEquals(GameSessionStatus.ACTIVE, game.status(), game.gameSessionId());
                }
            }
            changes.get();
        } finally {
            writer.shutdownNow();
        }
    }
}
