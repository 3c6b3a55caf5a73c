package io.ticketgate.agent.time;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstThenTokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertFalse(bucket.tryTake(SECOND / 10 - 1), "not quite a tenth of a second");
        assertTrue(bucket.tryTake(SECOND / 10));
        assertFalse(bucket.isFull(SECOND / 10));
        assertTrue(bucket.isFull(SECOND / 10 + 3 * SECOND / 10));
    }

    @Test
    void aLongPauseAtAHighRateFillsTheBucketWithoutOverflowing() {
        TokenBucket bucket = new TokenBucket(1_000_000, 1_000_000, 0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(bucket.tryTake(0));
        }
        long aYear = 365L * 24 * 3600 * SECOND;
        assertTrue(bucket.isFull(aYear));
        assertTrue(bucket.tryTake(aYear));
    }
}
