package io.ticketgate.examples.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    private final Column floor = new Column("floor", null, null);
    private final Column sidecar = new Column("sidecar", null, null);

    @Test
    void comparesEachRoundWithTheSameRoundAndTakesTheMedianRatio() {
        Measurements measurements = new Measurements();
        // A slow second round halves both: the ratio stays 0.5 there.
        double[][] rounds = {{1000, 400}, {500, 250}, {1000, 600}};
        for (int round = 0; round < rounds.length; round++) {
            measurements.add(Figure.HANDSHAKES_PER_SECOND, floor, round + 1, rounds[round][0]);
            measurements.add(Figure.HANDSHAKES_PER_SECOND, sidecar, round + 1, rounds[round][1]);
        }

        assertEquals(0.5, measurements.ratio(Figure.HANDSHAKES_PER_SECOND, sidecar, floor).orElseThrow(), 1e-9);
        assertEquals(List.of(400.0, 250.0, 600.0), measurements.of(Figure.HANDSHAKES_PER_SECOND, sidecar));
    }

    @Test
    void hasNoRatioAgainstAColumnWithoutValues() {
        Measurements measurements = new Measurements();
        measurements.add(Figure.ECHO_PER_SECOND, sidecar, 1, 10);

        assertTrue(measurements.ratio(Figure.ECHO_PER_SECOND, sidecar, floor).isEmpty());
    }
}
