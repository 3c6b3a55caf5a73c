package io.ticketgate.agent.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Keeps ended sessions describable for the retention period and bounded in count, oldest purged
 * first. Sessions end in time order, so a FIFO queue of end times is all the bookkeeping needed;
 * a size-bounded Caffeine cache would not do here, because its admission policy may evict the
 * newest entry instead of the oldest.
 *
 * <p>{@link #retain} only enqueues, so the store may call it under its locks; {@link #sweep}
 * calls back into the store and must be called with no store lock held.
 */
final class TerminalRetention {

    private record Retained(String key, long endedAtNanos) {
    }

    private final long retentionNanos;
    private final int maximumCount;
    private final Ticker ticker;
    private final Consumer<String> onPurge;
    private final ArrayDeque<Retained> queue = new ArrayDeque<>();

    TerminalRetention(Duration retention, int maximumCount, Ticker ticker, Consumer<String> onPurge) {
        this.retentionNanos = retention.toNanos();
        this.maximumCount = maximumCount;
        this.ticker = ticker;
        this.onPurge = onPurge;
    }

    void retain(String key) {
        retain(key, ticker.read());
    }

    /** Retains a session that ended at {@code endedAtNanos} on the ticker; call in order of ends. */
    void retain(String key, long endedAtNanos) {
        synchronized (queue) {
            queue.addLast(new Retained(key, endedAtNanos));
        }
    }

    /** Returns true when more sessions are kept than the bound allows. */
    boolean overBound() {
        synchronized (queue) {
            return queue.size() > maximumCount;
        }
    }

    /** Purges every session past its retention, and the oldest beyond the count bound. */
    void sweep() {
        long now = ticker.read();
        while (true) {
            Retained head;
            synchronized (queue) {
                head = queue.peekFirst();
                if (head == null || (queue.size() <= maximumCount && now - head.endedAtNanos < retentionNanos)) {
                    return;
                }
                queue.pollFirst();
            }
            onPurge.accept(head.key);
        }
    }
}
