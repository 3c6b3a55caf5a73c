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

    private final Cache<String, Boolean> deadlines;

    DeadlineTimer(Duration timeout, Ticker ticker, Scheduler scheduler, Executor executor,
            Consumer<String> onExpired) {
        this.deadlines = Caffeine.newBuilder()
                .ticker(ticker)
                .scheduler(scheduler)
                .executor(executor)
                .expireAfter(Expiry.<String, Boolean>creating((key, value) -> timeout))
                .removalListener((String key, Boolean value, RemovalCause cause) -> {
                    if (cause == RemovalCause.EXPIRED) {
                        onExpired.accept(key);
                    }
                })
                .build();
    }

    void start(String key) {
        deadlines.put(key, Boolean.TRUE);
    }

    void cancel(String key) {
        deadlines.invalidate(key);
    }

    /** Runs pending expiries now; the scheduler does this on its own in production. */
    void cleanUp() {
        deadlines.cleanUp();
    }
}
