package io.ticketgate.examples.bench.gate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateReportTest {

    private static final Route NOWHERE = new Route(new InetSocketAddress("127.0.0.1", 1), false, null, List.of());

    @Test
    void printsOneTableOfRatiosAndEachTargetAgainstItsColumn() {
        Column floor = new Column("floor / direct", NOWHERE, NOWHERE);
        Column haproxy = new Column("HAProxy", NOWHERE, NOWHERE);
        Column sidecar = new Column("Ticketgate sidecar", NOWHERE, NOWHERE);
        Measurements measurements = new Measurements();
        measurements.add(Figure.HANDSHAKES_PER_SECOND, floor, 1, 10_000);
        measurements.add(Figure.HANDSHAKES_PER_SECOND, haproxy, 1, 8_000);
        measurements.add(Figure.HANDSHAKES_PER_SECOND, sidecar, 1, 4_000);
        GateBenchmark.Settings settings = new GateBenchmark.Settings(1, 100, 64, 16, 1, 100, 32, 1_000_000,
                EnumSet.allOf(GateBenchmark.Load.class), List.of(), false);
        StringBuilder out = new StringBuilder();

        GateReport.write(out, new GateBenchmark.Result(settings, List.of(floor, haproxy, sidecar), measurements,
                "HAProxy version 2.6", null, List.of()));

        String report = out.toString();
        assertTrue(report.contains("| figure | floor / direct | HAProxy | Ticketgate sidecar |"), report);
        assertTrue(report.contains("| 1.00 · 10.0k/s (10.0k/s-10.0k/s) | 0.80 · 8,000/s (8,000/s-8,000/s)"
                + " | 0.40 · 4,000/s (4,000/s-4,000/s) |"), report);
        assertTrue(report.contains("- sidecar handshake rate >= 1.0x HAProxy's: NOT MET (0.50)"), report);
        assertTrue(report.contains("- sidecar echo RTT p50 <= HAProxy's: not measured"), report);
        assertTrue(report.contains("the sidecar's JVM has `-XX:MaxNewSize=16m`"), report);
    }

    @Test
    void theSidecarRunsWithTheJvmOptionsOfItsContainerImage() throws Exception {
        String agentPom = Files.readString(Path.of("..", "agent", "pom.xml"));
        for (String option : GateServers.IMAGE_JVM_OPTIONS) {
            assertTrue(agentPom.contains("<jvmFlag>" + option + "</jvmFlag>"), option);
        }
    }
}
