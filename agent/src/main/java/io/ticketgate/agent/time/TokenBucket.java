package io.ticketgate.agent.time;

/**
 * A token bucket on a monotonic nanosecond clock: holds up to {@code burst} tokens, refills
 * {@code perSecond} a second. Credit is kept in billionths of a token, so refills are exact
 * integers. Not thread-safe: each user guards its buckets with its own lock, and passes the time.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long capacity;
    /** The longest pause that still adds credit: capping it keeps the sum from overflowing. */
    private final long fillNanos;
    private long credit;
    private long last;

    /**
     * Starts full.
     *
     * @param perSecond tokens added a second, at least 1
     * @param burst the most tokens held, at least 1
     * @param now the clock's reading now
     */
    public TokenBucket(long perSecond, long burst, long now) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst");
        }
        this.perSecond = perSecond;
        this.capacity = Math.multiplyExact(burst, NANOS_PER_SECOND);
        this.fillNanos = (capacity + perSecond - 1) / perSecond;
        this.credit = capacity;
        this.last = now;
    }

    /** Takes one token if there is one; returns false when there is none. */
    public boolean tryTake(long now) {
        refill(now);
        if (credit < NANOS_PER_SECOND) {
            return false;
        }
        credit -= NANOS_PER_SECOND;
        return true;
    }

    /** Returns true once every token taken has been given back. */
    public boolean isFull(long now) {
        refill(now);
        return credit >= capacity;
    }

    private void refill(long now) {
        long elapsed = Math.min(now - last, fillNanos);
        if (elapsed > 0) {
            credit = Math.min(capacity, credit + elapsed * perSecond);
        }
        last = now;
    }
}
