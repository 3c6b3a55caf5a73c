package io.ticketgate.examples.bench.gate;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Prints the comparison as one markdown table, then the targets line by line. */
public final class GateReport {

    private GateReport() {
    }

    public static void write(StringBuilder out, GateBenchmark.Result result) {
        GateBenchmark.Settings settings = result.settings();
        List<Column> columns = result.columns();
        Column baseline = columns.get(0);
        out.append("## The comparison: Ticketgate against HAProxy and a bare Netty floor\n\n")
                .append(String.format(Locale.ROOT, "%d rounds after a dropped warm-up round, columns interleaved in"
                        + " each; every cell is the median ratio to the first column in the same round, then the"
                        + " median value (min-max over rounds). Load generator: Netty in the bench JVM, %d"
                        + " closed-loop clients from %d loopback addresses; %,d handshakes a round; echo and"
                        + " streams %d s a round; %,d idle players from %d addresses (RSS: on fresh processes"
                        + " each round, after %,d players opened and closed to warm them).%n%n",
                        settings.rounds(), settings.clients(), settings.sourceAddresses(), settings.handshakes(),
                        settings.seconds(), settings.idlePlayers(), settings.idleSourceAddresses(),
                        settings.idlePlayers() / 5));
        out.append("| figure |");
        columns.forEach(column -> out.append(' ').append(column.name()).append(" |"));
        out.append("\n|---|");
        columns.forEach(column -> out.append("---|"));
        out.append('\n');
        for (Figure figure : Figure.values()) {
            out.append("| ").append(figure.label()).append(" |");
            for (Column column : columns) {
                out.append(' ').append(cell(result.measurements(), figure, column, baseline)).append(" |");
            }
            out.append('\n');
        }
        out.append("\nServer CPU (utime + stime from /proc) and RSS (VmRSS) are summed over the processes in each"
                + " path:\n\n");
        for (Column column : columns) {
            out.append("- ").append(column.name()).append(": handshakes ").append(column.handshakes().serverNames())
                    .append("; echo, streams and idle players ").append(column.players().serverNames()).append('\n');
        }
        if (result.fleetNote() != null) {
            out.append("- Fleet mode: ").append(result.fleetNote()).append('\n');
        }
        out.append("- HAProxy: ").append(result.haproxy()).append('\n')
                .append("- The agents run with every setting at its default except free ports and `")
                .append(GateServers.HANDSHAKE_RATE_FLAG).append(' ').append(settings.handshakesPerSecondPerAddress())
                .append("` (default 100 a second per address, which would cap 16 addresses at 1,600 handshakes/s"
                        + " and measure the limiter)");
        out.append("; the sidecar's JVM has `").append(String.join(" ", GateServers.sidecarJvmOptions(settings)))
                .append("` (unless the run gave its own, the options its container image and launcher add)");
        out.append("\n\n");
        Targets.write(out, result);
        if (!result.failures().isEmpty()) {
            out.append("\nFailures:\n\n");
            result.failures().forEach(failure -> out.append("- ").append(failure).append('\n'));
        }
    }

    private static String cell(Measurements measurements, Figure figure, Column column, Column baseline) {
        List<Double> values = measurements.of(figure, column);
        if (values.isEmpty()) {
            return "-";
        }
        List<Double> sorted = values.stream().sorted().toList();
        String spread = figure.format(sorted.get(sorted.size() / 2)) + " (" + figure.format(sorted.get(0)) + "-"
                + figure.format(sorted.get(sorted.size() - 1)) + ")";
        OptionalDouble ratio = measurements.ratio(figure, column, baseline);
        return (ratio.isPresent() ? String.format(Locale.ROOT, "%.2f", ratio.getAsDouble()) + " · " : "") + spread;
    }
}
