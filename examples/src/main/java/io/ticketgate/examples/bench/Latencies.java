package io.ticketgate.examples.bench;

import java.time.Duration;
import java.util.Arrays;

/** Call latencies in nanoseconds, recorded by one thread, merged after, then read as percentiles. */
public final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    public void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    public void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    public int count() {
        return count;
    }

    /** The latency that {@code fraction} (0..1) of the calls took at most; zero if there were none. */
    public Duration percentile(double fraction) {
        if (count == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(fraction * count) - 1;
        return Duration.ofNanos(sorted[Math.max(0, Math.min(count - 1, index))]);
    }
}
