package io.ticketgate.agent.time;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The agent's one source of time: a wall clock for the timestamps sessions report, and a
 * monotonic ticker for every deadline (reservation timeout, reconnect grace, retention), so a
 * wall-clock step never expires a reservation early. Tests inject both and move them together.
 */
public final class AgentClock {

    private static final AgentClock SYSTEM = new AgentClock(Clock.systemUTC(), System::nanoTime);

    private final Clock wallClock;
    private final Ticker ticker;

    /** @param nanoTime a monotonic nanosecond source, such as {@code System::nanoTime} */
    public AgentClock(Clock wallClock, LongSupplier nanoTime) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(nanoTime, "nanoTime");
        this.ticker = nanoTime::getAsLong;
    }

    /** The real time. */
    public static AgentClock system() {
        return SYSTEM;
    }

    /** Returns the current wall-clock time, for timestamps. */
    public Instant now() {
        return wallClock.instant();
    }

    /** Returns monotonic nanoseconds, for deadlines and latencies. */
    public long nanoTime() {
        return ticker.read();
    }

    /** Returns the ticker, for Caffeine caches. */
    public Ticker ticker() {
        return ticker;
    }
}
