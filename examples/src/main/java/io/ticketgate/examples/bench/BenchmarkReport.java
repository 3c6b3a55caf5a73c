package io.ticketgate.examples.bench;

import io.ticketgate.examples.bench.gate.CapacityBenchmark;
import io.ticketgate.examples.bench.gate.FleetReservationBenchmark;
import io.ticketgate.examples.bench.gate.GateBenchmark;
import io.ticketgate.examples.bench.gate.GateReport;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the benchmarks and prints a markdown report on stdout (progress goes to stderr); also
 * writes it to {@code report.md} in the bench directory. Run it from the repository root with
 * {@code mvn -B -q -Pbench -pl examples -am package -DskipTests}. Exits 1 if any call failed.
 *
 * <p>System properties: {@code bench.dir} (where data dirs go; default {@code target/bench}),
 * {@code bench.seconds} (measured seconds per round; default 4), {@code bench.warmup-seconds}
 * (default 1), {@code bench.only} ({@code reservations}, {@code control}, {@code fleet}, {@code startup},
 * {@code gate} or {@code capacity} to run just one;
 * the comparison ({@code gate}) reads {@code bench.gate.*}, see {@link GateBenchmark.Settings}),
 * {@code bench.hot-paths} (the agent's JMH table, appended to the report when present).
 */
public final class BenchmarkReport {

    private static final double RESERVATION_TARGET = 0.5;
    private static final Duration STARTUP_TARGET = Duration.ofSeconds(3);

    private BenchmarkReport() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception e) {
            // A server that did not start, HAProxy that could not be installed: one line, no stack trace.
            System.err.println("bench: FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path benchDir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        Duration length = Duration.ofSeconds(Long.getLong("bench.seconds", 4));
        Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 1));
        String only = System.getProperty("bench.only", "all");
        if (!List.of("all", "reservations", "control", "fleet", "startup", "gate", "capacity").contains(only)) {
            System.err.println("bench: bench.only must be all, reservations, control, fleet, startup, gate or capacity,"
                    + " was " + only);
            System.exit(2);
        }
        Files.createDirectories(benchDir);
        Path run = Files.createTempDirectory(benchDir, "run-");
        try {
            StringBuilder report = new StringBuilder();
            machine(report, run);
            GateBenchmark.Result gate = null;
            if (only.equals("all") || only.equals("gate")) {
                // Kept after the run: the servers' logs and HAProxy's generated config.
                Path gateDirectory = Files.createDirectories(benchDir.resolve("gate"));
                gate = new GateBenchmark(GateBenchmark.Settings.fromSystemProperties()).run(gateDirectory);
                GateReport.write(report, gate);
                report.append('\n');
            }
            if (only.equals("all") || only.equals("capacity")) {
                capacity(report, CapacityBenchmark.fromSystemProperties().run(
                        Files.createDirectories(benchDir.resolve("capacity"))));
            }
            StartupBenchmark.Result startup = List.of("all", "startup").contains(only)
                    ? new StartupBenchmark().run(run) : null;
            List<ReservationBenchmark.Row> rows = List.of("all", "reservations").contains(only)
                    ? new ReservationBenchmark(warmUp, length).run(run.resolve("reservations")) : List.of();
            if (!rows.isEmpty()) {
                reservations(report, rows, warmUp, length);
            }
            List<ControlApiBenchmark.Load> control = List.of("all", "control").contains(only)
                    ? new ControlApiBenchmark(warmUp, length).run() : List.of();
            if (!control.isEmpty()) {
                control(report, control, warmUp, length);
            }
            FleetReservationBenchmark.Result fleet = List.of("all", "fleet").contains(only)
                    ? new FleetReservationBenchmark(warmUp, length).run(
                            Files.createDirectories(benchDir.resolve("fleet"))) : null;
            if (fleet != null) {
                fleet(report, fleet, warmUp, length);
            }
            if (startup != null) {
                startup(report, startup);
            }
            hotPaths(report);
            System.out.print(report);
            Files.writeString(benchDir.resolve("report.md"), report);
            List<ReservationBenchmark.Round> failed = rows.stream()
                    .flatMap(row -> Stream.concat(row.memory().stream(), row.disk().stream()))
                    .filter(round -> round.errors() > 0).toList();
            if (gate != null && !gate.failures().isEmpty()) {
                System.err.println("bench: FAILED: " + gate.failures().size() + " comparison loads had failures; the"
                        + " first: " + gate.failures().get(0));
                System.exit(1);
            }
            if (!failed.isEmpty()) {
                long errors = failed.stream().mapToLong(ReservationBenchmark.Round::errors).sum();
                System.err.println("bench: FAILED: " + errors + " CreatePlayerSession calls did not return 200;"
                        + " the first: " + failed.get(0).firstError());
                System.exit(1);
            }
            List<ClosedLoop.Round> fleetFailed = fleet == null ? List.of() : fleet.rows().stream()
                    .flatMap(row -> row.rounds().stream()).filter(round -> round.errors() > 0).toList();
            if (!fleetFailed.isEmpty()) {
                System.err.println("bench: FAILED: fleet reservations failed; the first: "
                        + fleetFailed.get(0).firstError());
                System.exit(1);
            }
            for (ControlApiBenchmark.Load load : control) {
                if (load.errors() > 0) {
                    System.err.println("bench: FAILED: " + load.errors() + " " + load.name()
                            + " calls failed; the first: " + load.firstError());
                    System.exit(1);
                }
            }
        } finally {
            deleteTree(run);
        }
    }

    private static void machine(StringBuilder out, Path run) throws IOException {
        FileStore store = Files.getFileStore(run);
        out.append("# Ticketgate benchmark report\n\n")
                .append("- Run: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n')
                .append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n')
                .append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB\n")
                .append("- Data dirs: ").append(run).append(" on ").append(store.type()).append(" (")
                .append(store.name()).append(")\n")
                .append("- Agents: embedded in this JVM beside their callers (start-up: separate processes), every"
                        + " setting at its default except free"
                        + " loopback ports and no bound on the control API's request rate\n\n");
    }

    private static void reservations(StringBuilder out, List<ReservationBenchmark.Row> rows, Duration warmUp,
            Duration length) {
        out.append("## CreatePlayerSession calls per second\n\n")
                .append("AWS JSON 1.1 over loopback, unsigned; closed-loop callers, each on its own kept-alive"
                        + " HTTP/1.1 connection (java.net.http). Each caller count: ")
                .append(warmUp.toSeconds()).append(" s warm-up, then ").append(length.toSeconds())
                .append(" s measured; ").append(ReservationBenchmark.ROUNDS)
                .append(" rounds after one dropped (JIT warm-up), memory and disk interleaved. Calls/s is the median"
                        + " round; latencies are over every round's calls. A caller ends its game session when its"
                        + " 200 slots are taken and creates the next (Java API, untimed, inside the measured time)."
                        + " Disk calls per fsync: the"
                        + " round's calls, warm-up included, over the journal batches it wrote"
                        + " (ticketgate_data_batches_total), median round.\n\n")
                .append("| Callers | Memory calls/s | Disk calls/s | Disk / memory | Memory p50 | Memory p99"
                        + " | Disk p50 | Disk p99 | Disk calls per fsync | Errors |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ReservationBenchmark.Row row : rows) {
            Latencies memory = pooled(row.memory());
            Latencies disk = pooled(row.disk());
            long errors = Stream.concat(row.memory().stream(), row.disk().stream())
                    .mapToLong(ReservationBenchmark.Round::errors).sum();
            out.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | %.2f | %s | %s | %s | %s | %.1f | %d |%n",
                    row.callers(), row.memoryRate(), row.diskRate(), row.diskRate() / row.memoryRate(),
                    millis(memory.percentile(0.5)), millis(memory.percentile(0.99)),
                    millis(disk.percentile(0.5)), millis(disk.percentile(0.99)), row.diskCallsPerFsync(), errors));
        }
        out.append("\nEach round's calls/s:\n\n| Callers | Memory | Disk |\n|---:|---|---|\n");
        for (ReservationBenchmark.Row row : rows) {
            out.append("| ").append(row.callers()).append(" | ").append(rates(row.memory())).append(" | ")
                    .append(rates(row.disk())).append(" |\n");
        }
        ReservationBenchmark.Row most = rows.get(rows.size() - 1);
        double ratio = most.diskRate() / most.memoryRate();
        out.append(String.format(Locale.ROOT, "%nTarget, disk at least %.1f of memory at %d callers: %s (%.2f).%n%n",
                RESERVATION_TARGET, most.callers(), ratio >= RESERVATION_TARGET ? "met" : "NOT MET", ratio));
    }

    private static void control(StringBuilder out, List<ControlApiBenchmark.Load> loads, Duration warmUp,
            Duration length) {
        out.append("## CreatePlayerSessions and DescribePlayerSessions calls per second\n\n")
                .append("AWS JSON 1.1 over loopback, unsigned; ").append(ControlApiBenchmark.CALLERS)
                .append(" closed-loop callers, each on its own kept-alive HTTP/1.1 connection; memory-only agents. ")
                .append(warmUp.toSeconds()).append(" s warm-up, then ").append(length.toSeconds())
                .append(" s measured; ").append(ControlApiBenchmark.ROUNDS)
                .append(" rounds after one dropped, the loads interleaved. CreatePlayerSessions reserves ")
                .append(ControlApiBenchmark.BATCH).append(" players a call in a game session of 200 (ended and"
                        + " replaced through the Java API when full, untimed). A describe asks for one page (Limit ")
                .append(ControlApiBenchmark.PAGE).append(") by a game session picked at random, on an agent holding")
                .append(String.format(Locale.ROOT, " %,d RESERVED sessions and on one holding %,d, in game sessions of"
                        + " 200. Calls/s is the median round.%n%n", ControlApiBenchmark.SMALL_STORE,
                        ControlApiBenchmark.LARGE_STORE))
                .append("| Call | Calls/s | Sessions/s | p50 | p99 | Each round, calls/s | Errors |\n")
                .append("|---|---:|---:|---:|---:|---|---:|\n");
        for (ControlApiBenchmark.Load load : loads) {
            Latencies latencies = load.latencies();
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s | %s | %d |%n", load.name(),
                    load.rate(), load.rate() * load.sessionsPerCall(), millis(latencies.percentile(0.5)),
                    millis(latencies.percentile(0.99)), load.rounds().stream()
                            .map(round -> String.format(Locale.ROOT, "%,.0f", round.rate()))
                            .collect(Collectors.joining(", ")), load.errors()));
        }
        double ratio = loads.get(2).rate() / loads.get(1).rate();
        out.append(String.format(Locale.ROOT, "%nTarget, a page costs the same at %,d sessions as at %,d: %s"
                        + " (%.2f of the rate).%n%n", ControlApiBenchmark.LARGE_STORE, ControlApiBenchmark.SMALL_STORE,
                ratio >= 0.9 ? "met" : "NOT MET", ratio));
    }

    private static void fleet(StringBuilder out, FleetReservationBenchmark.Result result, Duration warmUp,
            Duration length) {
        out.append("## CreatePlayerSession in a fleet of three against a standalone agent\n\n");
        if (result.note() != null) {
            out.append("Not run: ").append(result.note()).append(".\n\n");
            return;
        }
        out.append("Sidecar processes (`java ").append(String.join(" ", FleetReservationBenchmark.JVM_OPTIONS))
                .append(" ...`, reservations kept an hour): one standalone, and three in a fleet on one Redis")
                .append(" (`--appendonly yes --appendfsync everysec`). ").append(FleetReservationBenchmark.CALLERS)
                .append(" closed-loop callers over AWS JSON 1.1, unsigned, each on its own kept-alive connection;")
                .append(" each creates a game session of 200 through the agent it calls (in the fleet, placed by")
                .append(" the fleet: two in three of its reservations then run at another agent) and fills it. ")
                .append(warmUp.toSeconds()).append(" s warm-up, ").append(length.toSeconds()).append(" s measured, ")
                .append(FleetReservationBenchmark.ROUNDS).append(" rounds after a long warm-up round (dropped), the")
                .append(" setups interleaved; calls/s is the median round. Everything shares this machine's cores with")
                .append(" the callers.")
                .append(" Agents' CPU and Redis's: their user and system time over the measured time, per call (each")
                .append(" round's, the median).\n\n")
                .append("| Setup | Calls/s | To standalone | p50 | p99 | Agents' CPU per call | Redis's CPU per call"
                        + " | Each round, calls/s |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        double standalone = result.rows().get(0).rate();
        for (FleetReservationBenchmark.Row row : result.rows()) {
            Latencies latencies = new Latencies();
            row.rounds().forEach(round -> latencies.addAll(round.latencies()));
            out.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %s | %s | %.0f us | %s | %s |%n",
                    row.setup().label(), row.rate(), row.rate() / standalone, millis(latencies.percentile(0.5)),
                    millis(latencies.percentile(0.99)), row.agentsMicros(),
                    row.redis().isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f us", row.redisMicros()),
                    row.rounds().stream().map(round -> String.format(Locale.ROOT, "%,.0f", round.rate()))
                            .collect(Collectors.joining(", "))));
        }
        out.append('\n');
    }

    private static void capacity(StringBuilder out, CapacityBenchmark.Result result) {
        long[] heap = result.heapKiB();
        out.append("## Capacity: reservations and idle players in a 256 MiB heap\n\n")
                .append("A sidecar (`java ").append(result.jvmOptions()).append(" ...`) piping to an echo server;")
                .append(" live heap from `jcmd GC.heap_info` after `jcmd GC.run`.\n\n")
                .append("| held | live heap | per item |\n|---|---:|---:|\n")
                .append(String.format(Locale.ROOT, "| nothing | %.1f MiB | |%n", heap[0] / 1024.0))
                .append(String.format(Locale.ROOT, "| %,d RESERVED sessions | %.1f MiB | %.0f B per reservation |%n",
                        result.reservations(), heap[1] / 1024.0, result.bytesPerReservation()))
                .append(String.format(Locale.ROOT,
                        "| and %,d of them connected, idle | %.1f MiB | %.0f B per player |%n", result.players(),
                        heap[2] / 1024.0, result.bytesPerPlayer()))
                .append('\n');
    }

    private static void startup(StringBuilder out, StartupBenchmark.Result result) {
        out.append("## Start-up with ").append(String.format(Locale.ROOT, "%,d", StartupBenchmark.RESERVED_SESSIONS))
                .append(" sessions on disk\n\n")
                .append("A sidecar process (`java ").append(String.join(" ", StartupBenchmark.JVM_OPTIONS))
                .append(" ... --data-dir DIR`, default heap), timed from starting the process until it logs that it")
                .append(" serves players; ").append(StartupBenchmark.STARTS)
                .append(" starts on the same full data dir, interleaved with starts on empty ones. Restore is the")
                .append(" agent's own figure within that: reading the files and rebuilding the sessions. The full dir")
                .append(String.format(Locale.ROOT, " holds %,d RESERVED player sessions in %,d game sessions of 200,"
                                + " and %,d ended ones, as the filling agent left it at a graceful stop"
                                + " (filled in %.1f s through the Java API).",
                        StartupBenchmark.RESERVED_SESSIONS, StartupBenchmark.RESERVED_SESSIONS / 200,
                        StartupBenchmark.ENDED_SESSIONS, result.fill().toMillis() / 1000.0))
                .append("\n\n| Data dir | Start to serving, median | Each start | Restore, median | Data dir bytes |\n")
                .append("|---|---:|---|---:|---:|\n")
                .append(startRow("100,000 sessions", result.fullMedian(), result.fullRestoreMedian(), result.full()))
                .append(startRow("empty", result.emptyMedian(), null, result.empty()));
        boolean met = result.fullMedian().compareTo(STARTUP_TARGET) < 0;
        out.append("\nTarget, under ").append(STARTUP_TARGET.toSeconds()).append(" s to serving: ")
                .append(met ? "met" : "NOT MET").append(".\n");
    }

    /** Appends the agent's JMH table, if its bench profile wrote one (it carries its own run time). */
    private static void hotPaths(StringBuilder out) throws IOException {
        String file = System.getProperty("bench.hot-paths");
        if (file != null && Files.isRegularFile(Path.of(file))) {
            if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
                out.append('\n');
            }
            out.append(Files.readString(Path.of(file)));
        }
    }

    private static String startRow(String name, Duration median, Duration restoreMedian,
            List<StartupBenchmark.Start> starts) {
        return "| " + name + " | " + millis(median) + " | "
                + starts.stream().map(start -> millis(start.took())).collect(Collectors.joining(", ")) + " | "
                + (restoreMedian != null ? millis(restoreMedian) : "-") + " | "
                + String.format(Locale.ROOT, "%,d", starts.get(0).dataDirBytes()) + " |\n";
    }

    private static Latencies pooled(List<ReservationBenchmark.Round> rounds) {
        Latencies all = new Latencies();
        rounds.forEach(round -> all.addAll(round.latencies()));
        return all;
    }

    private static String rates(List<ReservationBenchmark.Round> rounds) {
        return rounds.stream().map(round -> String.format(Locale.ROOT, "%,.0f", round.rate()))
                .collect(Collectors.joining(", "));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
