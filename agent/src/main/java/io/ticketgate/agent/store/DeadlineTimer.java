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

/**
 * Fires a callback for each key whose deadline passes, on time: a Caffeine cache with
 * expire-after-create and a real {@link Scheduler}, so expiry happens when due rather than on the
 * next read. The timer only says "this deadline passed"; the store decides, under its lock,
 * whether that still changes anything.
 */
final class DeadlineTimer {

    private final Cache<String, Long> deadlines;
    private final Ticker ticker;

    DeadlineTimer(Ticker ticker, Scheduler scheduler, Executor executor, Consumer<String> onExpired) {
        this.ticker = ticker;
        this.deadlines = Caffeine.newBuilder()
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(executor)
                // Each entry lives until its own deadline, read off the same ticker as the store's.
                .expireAfter(Expiry.<String, Long>creating((key, deadlineNanos) ->
                        Duration.ofNanos(Math.max(0, deadlineNanos - ticker.read()))))
                .removalListener((String key, Long deadlineNanos, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        onExpired.accept(key);
                    }
                })
                .build();
    }

    /** Fires for {@code key} at {@code deadlineNanos} on the ticker, unless cancelled first. */
    void start(String key, long deadlineNanos) {
        deadlines.put(key, deadlineNanos);
    }

    void cancel(String key) {
        deadlines.invalidate(key);
    }

    /** Runs pending expiries now; the scheduler does this on its own in production. */
    void cleanUp() {
        deadlines.cleanUp();
    }
}
