package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aBurstOfTheRateIsAllowedThenTokensComeBackWithTime() {
        RequestRateLimiter limiter = new RequestRateLimiter(3, now::get);
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(334));
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void aLongPauseRefillsNoMoreThanOneSecondsWorth() {
        RequestRateLimiter limiter = new RequestRateLimiter(2, now::get);
        now.addAndGet(TimeUnit.DAYS.toNanos(365));
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void zeroMeansNoBound() {
        RequestRateLimiter limiter = new RequestRateLimiter(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.tryAcquire());
        }
    }
}
