package io.ticketgate.agent.store;

import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.ReservationBatches;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A reservation timing out through the store's own timer: reservations are made
 * {@link #SPACING} apart on fake time, and each call moves time on by that much and runs the
 * store's maintenance, as the real scheduler would, so on average one reservation becomes
 * TIMEDOUT per call. Caffeine's timer wheel fires in buckets of about a second, so they
 * time out in bursts of about a hundred; the figure is the average over a batch.
 */
@State(Scope.Thread)
public class ExpiryBenchmark extends ReservationBatches {

    private static final Duration SPACING = Duration.ofMillis(10);
    /** Longer than the pool takes to reserve, so no reservation times out before the batches start. */
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private final FakeTime time = new FakeTime();
    private SessionStore store;

    @Setup
    public void setUp() {
        store = BenchmarkStore.create(time, TIMEOUT, SessionEventSink.NONE);
        BenchmarkStore.reserve(store, POOL, () -> time.advance(SPACING));
        // Up to one spacing before the first reservation's deadline.
        time.advance(TIMEOUT.minus(SPACING.multipliedBy(POOL)));
    }

    @Benchmark
    public void reservationTimesOut() {
        nextReservation();
        time.advance(SPACING);
        store.runMaintenance();
    }

    @TearDown
    public void checkTheyTimedOut() {
        long timedOut = store.playerSessionCount(PlayerSessionStatus.TIMEDOUT);
        // The timer wheel may still hold the last bucket's few.
        if (timedOut < used() - 1_000) {
            throw new IllegalStateException(used() + " calls timed out only " + timedOut + " reservations");
        }
    }
}
