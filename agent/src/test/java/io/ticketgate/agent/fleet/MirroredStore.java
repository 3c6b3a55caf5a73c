package io.ticketgate.agent.fleet;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoreSettings;
import io.ticketgate.agent.store.StoredState;
import io.ticketgate.agent.time.AgentClock;
import java.nio.ByteBuffer;
import java.time.Duration;

/** What the fleet tests share: a store whose changes go to a mirror, and the mirror's records read back. */
final class MirroredStore {

    static final Duration RETENTION = Duration.ofDays(1);

    private MirroredStore() {
    }

    /** A store of {@code fleetId} on the system clock, timers run on demand, every change to {@code mirror}. */
    static SessionStore of(String fleetId, FleetMirror mirror) {
        return new SessionStore(new StoreSettings(fleetId, "local", "000000000000", "127.0.0.1", null, 7777,
                Duration.ofMinutes(1), Duration.ZERO, RETENTION, 1_000, 1_000, 10, GameSessionActivation.AUTO,
                50), AgentClock.system(), Scheduler.disabledScheduler(), Runnable::run, event -> { }, mirror);
    }

    static StoredState decode(byte[] value) throws Exception {
        if (value == null) {
            throw new AssertionError("not in Redis");
        }
        return StateCodec.decode(ByteBuffer.wrap(value));
    }
}
