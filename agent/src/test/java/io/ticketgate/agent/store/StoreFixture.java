package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.time.AgentClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A {@link SessionStore} on fake time that records its events. Time moves only through
 * {@link #advance}; with the default {@code Runnable::run} timer executor, expiries run inside
 * {@link SessionStore#runMaintenance()}.
 */
final class StoreFixture {

    static final String FLEET_ID = "fleet-2222bbbb-3333-4444-5555-666677778888";
    static final String REGION = "eu-west-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String FLEET_ARN = "arn:aws:gamelift:eu-west-1:123456789012:fleet/" + FLEET_ID;
    static final String IP = "203.0.113.7";
    static final String DNS = "game-1.example.net";
    static final int PORT = 7777;
    static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(60);
    static final Duration RETENTION = Duration.ofMinutes(10);

    final FakeTime time;
    final RecordingSink events = new RecordingSink();
    final StoreSettings settings;
    final SessionStore store;

    StoreFixture() {
        this(settings());
    }

    StoreFixture(Settings settings) {
        this(settings, Runnable::run);
    }

    StoreFixture(Settings settings, Executor timerExecutor) {
        this(settings, timerExecutor, new FakeTime(), StateLog.NONE);
    }

    /** A store that hands its changes to {@code stateLog}, on a time that may outlive it. */
    StoreFixture(Settings settings, Executor timerExecutor, FakeTime time, StateLog stateLog) {
        this.time = time;
        this.settings = settings.build();
        this.store = new SessionStore(this.settings, new AgentClock(time, time), Scheduler.disabledScheduler(),
                timerExecutor, events, stateLog);
    }

    static Settings settings() {
        return new Settings();
    }

    /** Moves the clock and the ticker together, then runs due expiries and purges. */
    void advanceAndMaintain(Duration duration) {
        time.advance(duration);
        store.runMaintenance();
    }

    GameSession createGameSession(int maximumPlayerSessionCount) {
        return store.createGameSession(CreateGameSessionRequest.builder(maximumPlayerSessionCount).build());
    }

    /** Every game session, walked page by page. */
    List<GameSession> allGameSessions() {
        List<GameSession> games = new ArrayList<>();
        String token = null;
        do {
            Page<GameSession> page = store.describeGameSessions(
                    DescribeGameSessionsRequest.all().withLimit(7).withNextToken(token));
            games.addAll(page.items());
            token = page.nextToken().orElse(null);
        } while (token != null);
        return games;
    }

    /** Every player session of one game session, walked page by page. */
    List<PlayerSession> allPlayerSessions(String gameSessionId) {
        List<PlayerSession> players = new ArrayList<>();
        String token = null;
        do {
            Page<PlayerSession> page = store.describePlayerSessions(DescribePlayerSessionsRequest
                    .byGameSession(gameSessionId).withLimit(7).withNextToken(token));
            players.addAll(page.items());
            token = page.nextToken().orElse(null);
        } while (token != null);
        return players;
    }

    /**
     * Asserts that the store's counts agree with what describe returns, and each game session's
     * CurrentPlayerSessionCount with its RESERVED and ACTIVE players. Call when nothing runs.
     */
    void assertCountsMatchDescribe() {
        Map<GameSessionStatus, Integer> games = new EnumMap<>(GameSessionStatus.class);
        Map<PlayerSessionStatus, Integer> players = new EnumMap<>(PlayerSessionStatus.class);
        for (GameSession game : allGameSessions()) {
            games.merge(game.status(), 1, Integer::sum);
            int holdingSlots = 0;
            for (PlayerSession player : allPlayerSessions(game.gameSessionId())) {
                players.merge(player.status(), 1, Integer::sum);
                holdingSlots += player.status().holdsSlot() ? 1 : 0;
            }
            assertEquals(holdingSlots, game.currentPlayerSessionCount(), game.gameSessionId());
        }
        for (GameSessionStatus status : GameSessionStatus.values()) {
            assertEquals(games.getOrDefault(status, 0).longValue(), store.gameSessionCount(status), status.name());
        }
        for (PlayerSessionStatus status : PlayerSessionStatus.values()) {
            assertEquals(players.getOrDefault(status, 0).longValue(), store.playerSessionCount(status), status.name());
        }
    }

    /** Store settings with test defaults: no reconnect grace, AUTO activation, generous bounds. */
    static final class Settings {
        private Duration reconnectGrace = Duration.ZERO;
        private Duration retention = RETENTION;
        private int maxRetainedPlayerSessions = 10_000;
        private int maxRetainedGameSessions = 1_000;
        private int maxLiveGameSessions = 100;
        private GameSessionActivation activation = GameSessionActivation.AUTO;
        private int defaultPageLimit = 50;

        Settings reconnectGrace(Duration reconnectGrace) {
            this.reconnectGrace = reconnectGrace;
            return this;
        }

        Settings retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        Settings maxRetainedPlayerSessions(int maxRetainedPlayerSessions) {
            this.maxRetainedPlayerSessions = maxRetainedPlayerSessions;
            return this;
        }

        Settings maxRetainedGameSessions(int maxRetainedGameSessions) {
            this.maxRetainedGameSessions = maxRetainedGameSessions;
            return this;
        }

        Settings maxLiveGameSessions(int maxLiveGameSessions) {
            this.maxLiveGameSessions = maxLiveGameSessions;
            return this;
        }

        Settings activation(GameSessionActivation activation) {
            this.activation = activation;
            return this;
        }

        StoreSettings build() {
            return new StoreSettings(FLEET_ID, REGION, ACCOUNT_ID, IP, DNS, PORT, RESERVATION_TIMEOUT,
                    reconnectGrace, retention, maxRetainedPlayerSessions, maxRetainedGameSessions,
                    maxLiveGameSessions, activation, defaultPageLimit);
        }
    }
}
