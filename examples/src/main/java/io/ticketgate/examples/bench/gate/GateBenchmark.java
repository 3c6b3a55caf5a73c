package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.Latencies;
import io.ticketgate.examples.bench.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The comparison of issue 13: the same loads through each column (floor / direct, HAProxy, the
 * sidecar, embedded), in interleaved rounds, every column's servers in processes of their own
 * and the load generator in this JVM. Round 0 only warms the JITs up and is dropped.
 */
public final class GateBenchmark {

    /** How big and how long each load is; the defaults keep the whole run to a few minutes. */
    public record Settings(int rounds, int handshakes, int clients, int sourceAddresses, long seconds,
            int idlePlayers, int idleSourceAddresses, int handshakesPerSecondPerAddress, Set<Load> loads,
            List<String> sidecarJvmOptions, boolean fleet) {

        public static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.gate.rounds", 3),
                    Integer.getInteger("bench.gate.handshakes", 10_000),
                    64, 16,
                    Long.getLong("bench.gate.seconds", 2),
                    Integer.getInteger("bench.gate.idle", 5_000),
                    // 5,000 players over 32 addresses stay under the default 256 connections per address.
                    32,
                    Integer.getInteger("bench.gate.handshakes-per-second-per-ip", 1_000_000),
                    Load.parse(System.getProperty("bench.gate.loads", "all")),
                    words(System.getProperty("bench.gate.sidecar-jvm", "")),
                    Boolean.getBoolean("bench.gate.fleet"));
        }

        private static List<String> words(String text) {
            return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        }
    }

    /** The loads a round runs; {@code -Dbench.gate.loads=handshakes,memory} runs only those. */
    public enum Load {
        HANDSHAKES, ECHO, STREAMS, OPENED, MEMORY;

        static Set<Load> parse(String list) {
            if (list.equals("all")) {
                return EnumSet.allOf(Load.class);
            }
            Set<Load> loads = EnumSet.noneOf(Load.class);
            for (String name : list.split(",")) {
                loads.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
            }
            return loads;
        }
    }

    /** What the run measured, with what it ran on. */
    /** @param fleetNote why the fleet-mode column asked for is missing, or null */
    public record Result(Settings settings, List<Column> columns, Measurements measurements, String haproxy,
            String fleetNote, List<String> failures) {
    }

    private final Settings settings;

    public GateBenchmark(Settings settings) {
        this.settings = settings;
    }

    public Result run(Path directory) throws Exception {
        Measurements measurements = new Measurements();
        List<String> failures = new ArrayList<>();
        try (GateServers servers = new GateServers(directory, settings);
                LoadClient client = new LoadClient(2, settings.sourceAddresses());
                LoadClient crowd = new LoadClient(2, settings.idleSourceAddresses())) {
            List<Column> columns = servers.columns();
            for (int round = 0; round <= settings.rounds(); round++) {
                // Each round starts with another column, so that none always runs first.
                List<Column> order = new ArrayList<>(columns);
                Collections.rotate(order, -round);
                Round one = new Round(round, round == 0 ? new Measurements() : measurements, failures);
                Map<Load, ColumnLoad> warmLoads = new EnumMap<>(Load.class);
                warmLoads.put(Load.HANDSHAKES, column -> one.handshakes(client, column));
                warmLoads.put(Load.ECHO, column -> one.echo(client, column));
                warmLoads.put(Load.STREAMS, column -> one.streams(client, column));
                warmLoads.put(Load.OPENED, column -> one.opened(crowd, column));
                // Each load on every column before the next load, in the Load enum's order.
                for (Map.Entry<Load, ColumnLoad> load : warmLoads.entrySet()) {
                    if (settings.loads().contains(load.getKey())) {
                        for (Column column : order) {
                            load.getValue().run(column);
                        }
                    }
                }
                if (!settings.loads().contains(Load.MEMORY)) {
                    continue;
                }
                // Memory is measured on fresh processes: warm ones already hold the heap earlier loads grew.
                try (GateServers fresh = new GateServers(Files.createDirectories(directory.resolve("memory")),
                        settings)) {
                    List<Column> freshOrder = new ArrayList<>(fresh.columns());
                    Collections.rotate(freshOrder, -round);
                    for (Column column : freshOrder) {
                        one.memory(crowd, column);
                    }
                }
            }
            return new Result(settings, columns, measurements, servers.haproxyNote(), servers.fleetNote(),
                    failures);
        }
    }

    /** One load of a round on one column. */
    @FunctionalInterface
    private interface ColumnLoad {
        void run(Column column) throws Exception;
    }

    /** One round's loads, recorded under its number. */
    private final class Round {

        private final int number;
        private final Measurements measurements;
        private final List<String> failures;

        Round(int number, Measurements measurements, List<String> failures) {
            this.number = number;
            this.measurements = measurements;
            this.failures = failures;
        }

        void handshakes(LoadClient client, Column column) throws Exception {
            Route route = column.handshakes();
            List<String> ids = route.ids(settings.handshakes());
            long cpu = route.cpuNanos();
            HandshakeLoad.Result result = new HandshakeLoad(client, settings.clients()).run(route.address(), ids);
            long cpuUsed = route.cpuNanos() - cpu;
            if (result.failed() > 0) {
                failures.add(String.format("round %d, %s: %d of %d handshakes failed; the first: %s", number,
                        column.name(), result.failed(), ids.size(), result.firstFailure()));
            }
            Latencies latencies = result.latencies();
            record(Figure.HANDSHAKES_PER_SECOND, column, result.rate());
            record(Figure.CPU_PER_HANDSHAKE, column, (double) cpuUsed / Math.max(1, result.accepted()));
            record(Figure.HANDSHAKE_P50, column, latencies.percentile(0.5).toNanos());
            record(Figure.HANDSHAKE_P99, column, latencies.percentile(0.99).toNanos());
            record(Figure.HANDSHAKE_P999, column, latencies.percentile(0.999).toNanos());
            record(Figure.HANDSHAKE_MAX, column, latencies.percentile(1).toNanos());
            Progress.say("gate round %d, %s: %.0f handshakes/s, %.0f us CPU each, p99 %d us, max %d us", number,
                    column.name(), result.rate(), cpuUsed / 1e3 / Math.max(1, result.accepted()),
                    latencies.percentile(0.99).toNanos() / 1000, latencies.percentile(1).toNanos() / 1000);
        }

        void echo(LoadClient client, Column column) throws Exception {
            Route route = column.players();
            try (IdleLoad.Held held = IdleLoad.open(client, route.address(), route.ids(settings.clients()),
                    settings.clients())) {
                long cpu = route.cpuNanos();
                EchoLoad.Result result = EchoLoad.run(held.channels(), settings.seconds());
                long cpuUsed = route.cpuNanos() - cpu;
                record(Figure.ECHO_PER_SECOND, column, result.rate());
                record(Figure.CPU_PER_ECHO, column, (double) cpuUsed / Math.max(1, result.roundTrips()));
                record(Figure.ECHO_RTT_P50, column, result.latencies().percentile(0.5).toNanos());
                record(Figure.ECHO_RTT_P99, column, result.latencies().percentile(0.99).toNanos());
                Progress.say("gate round %d, %s: %.0f echo round trips/s, p50 %d us", number, column.name(),
                        result.rate(), result.latencies().percentile(0.5).toNanos() / 1000);
            }
        }

        void streams(LoadClient client, Column column) throws Exception {
            stream(client, column, 1, Figure.STREAM_1);
            stream(client, column, 4, Figure.STREAM_4);
        }

        private void stream(LoadClient client, Column column, int connections, Figure figure) throws Exception {
            Route route = column.players();
            try (IdleLoad.Held held = IdleLoad.open(client, route.address(), route.ids(connections), connections)) {
                double bytesPerSecond = StreamLoad.run(held.channels(), settings.seconds());
                record(figure, column, bytesPerSecond);
                Progress.say("gate round %d, %s: %d streams, %.2f Gbit/s", number, column.name(), connections,
                        bytesPerSecond * 8 / 1e9);
            }
        }

        /** How fast the path takes a crowd of players, on the warm servers. */
        void opened(LoadClient crowd, Column column) throws Exception {
            Route route = column.players();
            try (IdleLoad.Held held = IdleLoad.open(crowd, route.address(), route.ids(settings.idlePlayers()),
                    settings.clients())) {
                record(Figure.OPENED_PER_SECOND, column, held.openedPerSecond());
                Progress.say("gate round %d, %s: %d idle players opened at %.0f/s", number, column.name(),
                        held.channels().size(), held.openedPerSecond());
            }
        }

        /**
         * What each idle player holds of the path's resident memory, on fresh servers warmed by a
         * smaller crowd opened and closed first (class loading, JIT, pools), so that neither start-up
         * nor an earlier load's heap is counted.
         */
        void memory(LoadClient crowd, Column column) throws Exception {
            Route route = column.players();
            try (IdleLoad.Held warmUp = IdleLoad.open(crowd, route.address(), route.ids(settings.idlePlayers() / 5),
                    settings.clients())) {
                Progress.say("gate round %d, %s: warmed with %d players", number, column.name(),
                        warmUp.channels().size());
            }
            List<String> ids = route.ids(settings.idlePlayers());
            long rssBefore = route.rssBytes();
            try (IdleLoad.Held held = IdleLoad.open(crowd, route.address(), ids, settings.clients())) {
                long rssAfter = route.rssBytes();
                record(Figure.RSS_PER_IDLE_PLAYER, column, (double) (rssAfter - rssBefore) / held.channels().size());
                Progress.say("gate round %d, %s: %d idle players, RSS +%d KiB", number, column.name(),
                        held.channels().size(), (rssAfter - rssBefore) / 1024);
            }
        }

        private void record(Figure figure, Column column, double value) {
            measurements.add(figure, column, number, value);
        }
    }
}
