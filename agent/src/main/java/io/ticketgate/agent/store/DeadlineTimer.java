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
 * <p>The key carries its own deadline, read once as the timer starts, and every entry shares one
 * value: a pending deadline costs Caffeine's node and nothing more.
 *
 * @param <K> what has a deadline; compared by identity unless it says otherwise
 */
final class DeadlineTimer<K> {

    private final Cache<K, Boolean> deadlines;

    /**
     * @param deadlineNanos the key's deadline on {@code ticker}; it must not change while the timer runs
     */
    DeadlineTimer(Ticker ticker, Scheduler scheduler, Executor executor, ToLongFunction<K> deadlineNanos,
            Consumer<K> onExpired) {
        this.deadlines = Caffeine.newBuilder()
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(executor)
                // Each entry lives until its own deadline, read off the same ticker as the store's.
                .expireAfter(Expiry.<K, Boolean>creating((key, pending) ->
                        Duration.ofNanos(Math.max(0, deadlineNanos.applyAsLong(key) - ticker.read()))))
                .removalListener((K key, Boolean pending, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        onExpired.accept(key);
                    }
                })
                .build();
    }

    /** Fires for {@code key} at its deadline, unless cancelled first. */
    void start(K key) {
        deadlines.put(key, Boolean.TRUE);
    }

    void cancel(K key) {
        deadlines.invalidate(key);
    }

    /** Runs pending expiries now; the scheduler does this on its own in production. */
    void cleanUp() {
        deadlines.cleanUp();
    }
}
