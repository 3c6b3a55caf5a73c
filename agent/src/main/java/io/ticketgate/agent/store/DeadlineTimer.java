package io.ticketgate.agent.store;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Comparator;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Fires a callback for each key whose deadline passes, on time: the pending keys sorted by
 * deadline, and one wake-up on the {@link Scheduler} for the earliest. The timer only says
 * "this deadline passed"; the store decides, under its lock, whether that still changes anything.
 *
 * <p>The keys are the store's entries and carry their own deadline, so a pending deadline costs
 * one skip-list node; a cache with per-entry expiry cost its node, a hash node and a boxed value.
 *
 * @param <K> what has a deadline; its sequence orders keys that share one
 */
final class DeadlineTimer<K extends PlayerSessionKey> {

    private final Ticker ticker;
    private final Scheduler scheduler;
    private final Executor executor;
    private final ToLongFunction<K> deadlineNanos;
    private final Consumer<K> onExpired;
    private final ConcurrentSkipListSet<K> pending;
    /** The ticker reading the scheduler will next run {@link #cleanUp} at; MAX_VALUE for none. */
    private final AtomicLong nextWake = new AtomicLong(Long.MAX_VALUE);

    /**
     * @param deadlineNanos a key's deadline on {@code ticker}; it must not change while the key is pending
     * @param onExpired runs on {@code executor} (or on the caller of {@link #cleanUp})
     */
    DeadlineTimer(Ticker ticker, Scheduler scheduler, Executor executor, ToLongFunction<K> deadlineNanos,
            Consumer<K> onExpired) {
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.executor = executor;
        this.deadlineNanos = deadlineNanos;
        this.onExpired = onExpired;
        // Ticker readings are compared by difference, as System.nanoTime's must be.
        Comparator<K> byDeadline = (a, b) -> Long.signum(deadlineNanos.applyAsLong(a) - deadlineNanos.applyAsLong(b));
        this.pending = new ConcurrentSkipListSet<>(byDeadline.thenComparingLong(PlayerSessionKey::sequence));
    }

    /** Fires for {@code key} at its deadline, unless cancelled first. */
    void start(K key) {
        pending.add(key);
        wakeBy(deadlineNanos.applyAsLong(key));
    }

    void cancel(K key) {
        pending.remove(key);
    }

    /** Fires every deadline that has passed; the scheduler calls this on its own when one is due. */
    void cleanUp() {
        long now = ticker.read();
        for (K first = firstOrNull(); first != null && deadlineNanos.applyAsLong(first) - now <= 0;
                first = firstOrNull()) {
            if (pending.remove(first)) {
                onExpired.accept(first);
            }
        }
        // Cleared before the earliest is read again: a key started meanwhile either sees no wake
        // planned and plans its own, or is seen here.
        nextWake.set(Long.MAX_VALUE);
        K first = firstOrNull();
        if (first != null) {
            wakeBy(deadlineNanos.applyAsLong(first));
        }
    }

    /** Plans a clean-up at {@code deadline} unless one is planned no later. */
    private void wakeBy(long deadline) {
        while (true) {
            long planned = nextWake.get();
            if (planned != Long.MAX_VALUE && planned - deadline <= 0) {
                return;
            }
            if (nextWake.compareAndSet(planned, deadline)) {
                scheduler.schedule(executor, this::cleanUp, Math.max(0, deadline - ticker.read()),
                        TimeUnit.NANOSECONDS);
                return;
            }
        }
    }

    private K firstOrNull() {
        // An iterator, not first(): the set may empty between a check and the read.
        Iterator<K> keys = pending.iterator();
        return keys.hasNext() ? keys.next() : null;
    }
}
