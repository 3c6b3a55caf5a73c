package io.ticketgate.agent.control;

import io.ticketgate.agent.time.TokenBucket;
import java.util.function.LongSupplier;

/**
 * A token bucket over all control clients: up to {@code perSecond} operations a second, with
 * bursts of as many. The control port is for a few trusted callers, so one bucket is enough to
 * keep a runaway one from starving the store of the player port's time.
 */
final class RequestRateLimiter {

    private final LongSupplier nanoTime;
    /** Null for no bound. */
    private final TokenBucket bucket;

    /**
     * @param perSecond operations a second; 0 for no bound
     * @param nanoTime the monotonic clock ({@link System#nanoTime} outside tests)
     */
    RequestRateLimiter(int perSecond, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.bucket = perSecond == 0 ? null : new TokenBucket(perSecond, perSecond, nanoTime.getAsLong());
    }

    /** Takes a token; returns false when there is none (the caller is throttled). */
    synchronized boolean tryAcquire() {
        return bucket == null || bucket.tryTake(nanoTime.getAsLong());
    }
}
