package io.ticketgate.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the agent's JMH benchmarks (the hot paths: CONNECT decode, RESULT encode, reserve,
 * connect, expiry, a DescribePlayerSessions page, a whole handshake) with {@code -prof gc}, one
 * fork and each class's own short iteration counts, then prints a markdown table of ns/op and
 * B/op and writes it to {@code hot-paths.md} in {@code jmh.dir}, beside JMH's JSON results.
 *
 * <p>System properties: {@code jmh.include} (a regular expression over the benchmark names;
 * default all), {@code jmh.dir} (default {@code target/jmh}), {@code jmh.logback} (the forks'
 * logging configuration).
 */
public final class HotPathBenchmarks {

    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final List<String> ORDER = List.of("CodecBenchmark", "ReserveBenchmark", "ConnectBenchmark",
            "ExpiryBenchmark", "DescribeBenchmark", "HandshakeBenchmark");

    private HotPathBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path dir = Path.of(System.getProperty("jmh.dir", "target/jmh")).toAbsolutePath();
        Files.createDirectories(dir);
        String include = System.getProperty("jmh.include", ".*");
        List<String> jvmArgs = new ArrayList<>(List.of("-Djmh.dir=" + dir,
                // JMH's threads stand in for event loops: give them the buffer caches an event loop has.
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.useCachedMagazinesForNonEventLoopThreads=true"));
        String logback = System.getProperty("jmh.logback");
        if (logback != null) {
            jvmArgs.add("-Dlogback.configurationFile=" + logback);
        }
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .addProfiler(GCProfiler.class)
                // Prepended: a benchmark's own @Fork(jvmArgsAppend) still applies.
                .jvmArgsPrepend(jvmArgs.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("results.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.isEmpty()) {
            System.err.println("jmh: no benchmark matches jmh.include=" + include);
            System.exit(2);
        }
        String table = table(results);
        System.out.print(table);
        Files.writeString(dir.resolve("hot-paths.md"), table);
    }

    static String table(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder("## Hot paths (JMH)\n\n")
                .append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", JMH ")
                .append(results.iterator().next().getParams().getJmhVersion())
                .append(", 1 fork, -prof gc. ns/op is the mean of the measured iterations, then the fastest and"
                        + " the slowest iteration (for the calls that use up a reservation, an iteration is a"
                        + " fixed batch); B/op is what one call allocates.\n\n")
                .append("| Benchmark | Parameters | ns/op | Iterations, ns/op | B/op |\n|---|---|---:|---:|---:|\n");
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt((RunResult result) -> place(result.getParams().getBenchmark()))
                .thenComparing(result -> result.getParams().getBenchmark())
                .thenComparing(result -> parameters(result.getParams())));
        Map<String, Row> rows = new LinkedHashMap<>();
        for (RunResult result : sorted) {
            BenchmarkParams params = result.getParams();
            Result<?> primary = result.getPrimaryResult();
            // A single-shot iteration is one batch of calls; JMH reports it whole.
            double perCall = params.getMode() == Mode.SingleShotTime
                    ? 1.0 / params.getMeasurement().getBatchSize() : 1.0;
            Result<?> allocation = result.getSecondaryResults().get(ALLOCATION);
            Row row = new Row(primary.getScore() * perCall, primary.getStatistics().getMin() * perCall,
                    primary.getStatistics().getMax() * perCall,
                    allocation == null ? Double.NaN : allocation.getScore() * perCall);
            rows.put(shortName(params.getBenchmark()) + " " + parameters(params), row);
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f-%,.0f | %s |%n",
                    shortName(params.getBenchmark()), parameters(params), row.nanos(), row.fastest(), row.slowest(),
                    Double.isNaN(row.bytes()) ? "-" : String.format(Locale.ROOT, "%,.0f", row.bytes())));
        }
        difference(out, rows, "A handshake less the EmbeddedChannel's own share (channelOnly)", "channelOnly");
        difference(out, rows, "The connection log line's share of a handshake (less handshakeWithoutLogLine)",
                "handshakeWithoutLogLine");
        return out.append('\n').toString();
    }

    private static void difference(StringBuilder out, Map<String, Row> rows, String what, String less) {
        Row handshake = rows.get("HandshakeBenchmark.handshake ");
        Row other = rows.get("HandshakeBenchmark." + less + " ");
        if (handshake != null && other != null) {
            out.append(String.format(Locale.ROOT, "%n%s: %,.0f ns and %,.0f B.%n", what,
                    handshake.nanos() - other.nanos(), handshake.bytes() - other.bytes()));
        }
    }

    private record Row(double nanos, double fastest, double slowest, double bytes) {
    }

    /** The table follows a handshake's life: its frames, the store's calls, the whole handshake. */
    private static int place(String benchmark) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (benchmark.contains("." + ORDER.get(i) + ".")) {
                return i;
            }
        }
        return ORDER.size();
    }

    /** {@code io.ticketgate.agent.store.DescribeBenchmark.byPlayerId} becomes {@code DescribeBenchmark.byPlayerId}. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        return benchmark.substring(benchmark.lastIndexOf('.', method - 1) + 1);
    }

    private static String parameters(BenchmarkParams params) {
        return params.getParamsKeys().stream().map(key -> key + "=" + params.getParam(key))
                .collect(Collectors.joining(", "));
    }
}
