package io.ticketgate.examples.bench.gate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** The targets of issue 13, each a ratio of one column to another in the same round. */
final class Targets {

    private static final String FLOOR = "floor";
    private static final String HAPROXY = "HAProxy";
    private static final String SIDECAR = "sidecar";
    private static final String EMBEDDED = "embedded";
    private static final String FLEET = "fleet mode";

    /**
     * @param atLeast true if the ratio must be at least {@code bound}, false if at most
     */
    private record Target(String text, Figure figure, String column, String versus, boolean atLeast, double bound) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("sidecar handshake rate >= 1.0x HAProxy's", Figure.HANDSHAKES_PER_SECOND, SIDECAR, HAPROXY,
                    true, 1.0),
            new Target("sidecar CPU per handshake (sidecar + echo server) <= HAProxy + floor's",
                    Figure.CPU_PER_HANDSHAKE, SIDECAR, HAPROXY, false, 1.0),
            new Target("sidecar handshake p99 <= 1.2x HAProxy's", Figure.HANDSHAKE_P99, SIDECAR, HAPROXY, false, 1.2),
            new Target("sidecar handshake max <= 2x HAProxy's", Figure.HANDSHAKE_MAX, SIDECAR, HAPROXY, false, 2.0),
            new Target("embedded handshake rate >= 0.9x the floor's", Figure.HANDSHAKES_PER_SECOND, EMBEDDED, FLOOR,
                    true, 0.9),
            new Target("embedded CPU per handshake <= 1.3x the floor's", Figure.CPU_PER_HANDSHAKE, EMBEDDED, FLOOR,
                    false, 1.3),
            new Target("sidecar echo round trips/s >= 1.0x HAProxy's", Figure.ECHO_PER_SECOND, SIDECAR, HAPROXY, true,
                    1.0),
            new Target("sidecar echo RTT p50 <= HAProxy's", Figure.ECHO_RTT_P50, SIDECAR, HAPROXY, false, 1.0),
            new Target("sidecar CPU per echo round trip <= HAProxy's", Figure.CPU_PER_ECHO, SIDECAR, HAPROXY, false,
                    1.0),
            new Target("sidecar stream, 1 connection >= HAProxy's", Figure.STREAM_1, SIDECAR, HAPROXY, true, 1.0),
            new Target("sidecar stream, 4 connections >= HAProxy's", Figure.STREAM_4, SIDECAR, HAPROXY, true, 1.0),
            new Target("sidecar stream, 1 connection >= 0.5x direct", Figure.STREAM_1, SIDECAR, FLOOR,
                    true, 0.5),
            new Target("sidecar RSS per idle player <= 2x HAProxy's", Figure.RSS_PER_IDLE_PLAYER, SIDECAR, HAPROXY,
                    false, 2.0),
            new Target("sidecar connections opened/s >= 0.8x HAProxy's", Figure.OPENED_PER_SECOND, SIDECAR, HAPROXY,
                    true, 0.8),
            // Issue 14: a reservation the agent holds connects as fast in a fleet as standalone.
            new Target("fleet-mode sidecar handshake p50 <= 1.1x the standalone sidecar's", Figure.HANDSHAKE_P50,
                    FLEET, SIDECAR, false, 1.1),
            new Target("fleet-mode sidecar handshake p99 <= 1.5x the standalone sidecar's", Figure.HANDSHAKE_P99,
                    FLEET, SIDECAR, false, 1.5));

    private Targets() {
    }

    static void write(StringBuilder out, GateBenchmark.Result result) {
        out.append("Targets (median ratio over rounds, each round against the same round):\n\n");
        for (Target target : TARGETS) {
            Optional<Column> column = find(result.columns(), target.column());
            Optional<Column> versus = find(result.columns(), target.versus());
            OptionalDouble ratio = column.isPresent() && versus.isPresent()
                    ? result.measurements().ratio(target.figure(), column.get(), versus.get()) : OptionalDouble.empty();
            out.append("- ").append(target.text()).append(": ");
            if (ratio.isEmpty()) {
                out.append("not measured\n");
                continue;
            }
            double value = ratio.getAsDouble();
            boolean met = target.atLeast() ? value >= target.bound() : value <= target.bound();
            out.append(met ? "met" : "NOT MET").append(String.format(Locale.ROOT, " (%.2f)%n", value));
        }
    }

    private static Optional<Column> find(List<Column> columns, String word) {
        return columns.stream().filter(column -> column.name().contains(word)).findFirst();
    }
}
