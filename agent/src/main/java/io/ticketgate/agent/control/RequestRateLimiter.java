package io.ticketgate.agent.control;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket over all control clients: up to {@code perSecond} operations a second, with
 * bursts of as many. The control port is for a few trusted callers, so one bucket is enough to
 * keep a runaway one from starving the store of the player port's time.
 */
final class RequestRateLimiter {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long perSecond;
    private final LongSupplier nanoTime;
    /** Tokens, in units of 1/NANOS_PER_SECOND of a token, so refills are exact integers. */
    private long credit;
    private long last;

    /**
     * @param perSecond operations a second; 0 for no bound
     * @param nanoTime the monotonic clock ({@link System#nanoTime} outside tests)
     */
    RequestRateLimiter(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
        this.credit = perSecond * NANOS_PER_SECOND;
    }

    /** Takes a token; returns false when there is none (the caller is throttled). */
    synchronized boolean tryAcquire() {
        if (perSecond == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        long capacity = perSecond * NANOS_PER_SECOND;
        // Capped before multiplying: a long pause must not overflow the credit.
        long elapsed = Math.min(now - last, NANOS_PER_SECOND);
        credit = Math.min(capacity, credit + elapsed * perSecond);
        last = now;
        if (credit < NANOS_PER_SECOND) {
            return false;
        }
        credit -= NANOS_PER_SECOND;
        return true;
    }
}
