package io.ticketgate.agent.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Fires a callback for each key whose deadline passes, on time: a Caffeine cache with
 * expire-after-create and a real {@link Scheduler}, so expiry happens when due rather than on the
 * next read. The timer only says "this deadline passed"; the store decides, under its lock,
 * whether that still changes anything.
 *
 * <p>The keys are the store's entries and carry their own deadline, so the cache holds no value
 * of its own beyond a shared marker.
 *
 * @param <K> what has a deadline
 */
final class DeadlineTimer<K extends PlayerSessionKey> {

    private final Cache<K, Boolean> pending;

    /**
     * @param deadlineNanos a key's deadline on {@code ticker}; it must not change while the key is pending
     * @param onExpired runs on {@code executor} (or on the caller of {@link #cleanUp})
     */
    DeadlineTimer(Ticker ticker, Scheduler scheduler, Executor executor, ToLongFunction<K> deadlineNanos,
            Consumer<K> onExpired) {
        this.pending = Caffeine.newBuilder()
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(executor)
                // Each entry lives until its own deadline, read off the same ticker as the store's.
                .expireAfter(Expiry.<K, Boolean>creating((key, marker) ->
                        Duration.ofNanos(Math.max(0, deadlineNanos.applyAsLong(key) - ticker.read()))))
                .removalListener((K key, Boolean marker, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        onExpired.accept(key);
                    }
                })
                .build();
    }

    /** Fires for {@code key} at its deadline, unless cancelled first. */
    void start(K key) {
        pending.put(key, Boolean.TRUE);
    }

    void cancel(K key) {
        pending.invalidate(key);
    }

    /** Fires every deadline that has passed; the scheduler does this on its own when one is due. */
    void cleanUp() {
        pending.cleanUp();
    }
}
