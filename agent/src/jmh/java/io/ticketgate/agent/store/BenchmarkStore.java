package io.ticketgate.agent.store;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.runtime.AgentDefaults;
import io.ticketgate.agent.time.AgentClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SessionStore} for the benchmarks: the agent's default settings, fake time (deadlines
 * fire only inside {@link SessionStore#runMaintenance()}, as in the tests' StoreFixture) and, unless
 * a benchmark gives one, no event sink, so it measures the store alone.
 */
public final class BenchmarkStore {

    /** GameLift's quota of player sessions per game session, which the control API enforces. */
    public static final int SLOTS_PER_GAME = 200;

    private BenchmarkStore() {
    }

    public static SessionStore create(FakeTime time) {
        return create(time, AgentDefaults.RESERVATION_TIMEOUT, SessionEventSink.NONE);
    }

    public static SessionStore create(FakeTime time, Duration reservationTimeout, SessionEventSink events) {
        StoreSettings settings = new StoreSettings(AgentDefaults.FLEET_ID, AgentDefaults.REGION,
                AgentDefaults.ACCOUNT_ID, AgentDefaults.ADVERTISE_IP, null, AgentDefaults.PLAYER_PORT,
                reservationTimeout, AgentDefaults.RECONNECT_GRACE, AgentDefaults.RETENTION,
                AgentDefaults.MAX_RETAINED_PLAYER_SESSIONS, AgentDefaults.MAX_RETAINED_GAME_SESSIONS,
                AgentDefaults.MAX_GAME_SESSIONS, AgentDefaults.GAME_SESSION_ACTIVATION, AgentDefaults.PAGE_LIMIT);
        return new SessionStore(settings, new AgentClock(time, time), Scheduler.disabledScheduler(), Runnable::run,
                events);
    }

    public static String newGameSession(SessionStore store, int slots) {
        return store.createGameSession(CreateGameSessionRequest.builder(slots).build()).gameSessionId();
    }

    /**
     * Reserves {@code count} player sessions, each for its own player ({@code player-0}, ...), in
     * full game sessions of {@link #SLOTS_PER_GAME}, running {@code before} ahead of each one.
     *
     * @return the sessions in the order reserved
     */
    public static List<PlayerSession> reserve(SessionStore store, int count, Runnable before) {
        List<PlayerSession> reserved = new ArrayList<>(count);
        String game = null;
        for (int i = 0; i < count; i++) {
            if (i % SLOTS_PER_GAME == 0) {
                game = newGameSession(store, Math.min(SLOTS_PER_GAME, count - i));
            }
            before.run();
            reserved.add(store.reservePlayerSession(game, "player-" + i, null));
        }
        return reserved;
    }
}
