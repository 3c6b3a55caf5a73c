package io.ticketgate.agent;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The shape of a benchmark whose every call uses up a RESERVED session: fixed single-shot batches
 * over a pool of {@link #POOL} reservations made once, before the first warm-up batch, so neither
 * their time nor their allocation is reported. JMH reports a batch whole; the table divides.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = ReservationBatches.WARMUP_BATCHES, batchSize = ReservationBatches.BATCH)
@Measurement(iterations = ReservationBatches.MEASURED_BATCHES, batchSize = ReservationBatches.BATCH)
public abstract class ReservationBatches {

    public static final int BATCH = 10_000;
    static final int WARMUP_BATCHES = 3;
    static final int MEASURED_BATCHES = 5;
    public static final int POOL = BATCH * (WARMUP_BATCHES + MEASURED_BATCHES);

    private int used;

    /** Returns the pool index of the reservation this call uses. */
    protected final int nextReservation() {
        if (used == POOL) {
            throw new IllegalStateException("the pool holds " + POOL + " reservations; run with the"
                    + " benchmark's own batch size and iteration counts");
        }
        return used++;
    }

    protected final int used() {
        return used;
    }
}
