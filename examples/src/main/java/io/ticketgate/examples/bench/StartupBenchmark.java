package io.ticketgate.examples.bench;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.TicketgateAgent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How long a sidecar takes from {@code java} to serving players on a data dir holding 100,000
 * RESERVED player sessions and some ended history, against an empty data dir: each start is a
 * fresh JVM, as after a crash or a deploy, run as the container image runs it.
 */
final class StartupBenchmark {

    static final int RESERVED_SESSIONS = 100_000;
    /** Ended history on top: game sessions ended with their players, as retention keeps them. */
    static final int ENDED_SESSIONS = 10_000;
    static final int STARTS = 5;
    /** The JVM options of the container image (see README): no child JVM for the flag. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+ExitOnOutOfMemoryError");
    /** The shaded jar's Main-Class. */
    private static final String SIDECAR = "io.ticketgate.agent.launcher.Sidecar";
    private static final int SLOTS = 200;
    /** CreatePlayerSessions' largest batch. */
    private static final int BATCH = 25;
    private static final int FILLERS = 8;
    /** Long enough that nothing times out between filling and the last start. */
    private static final Duration RESERVATION_TIMEOUT = Duration.ofDays(1);
    private static final long START_WAIT_SECONDS = 60;
    private static final Pattern RESTORED = Pattern.compile(
            "Restored (\\d+) game sessions and (\\d+) player sessions \\((\\d+) RESERVED.* in (\\d+) ms");

    /**
     * One start: how much the data dir held, how long from starting the process until it served,
     * and how long the agent says reading and rebuilding its sessions took within that.
     */
    record Start(long dataDirBytes, Duration took, Duration restore) {
    }

    /** The starts on the full dir and on empty ones, and how long filling took. */
    record Result(Duration fill, List<Start> full, List<Start> empty) {

        Duration fullMedian() {
            return Median.of(full.stream().map(Start::took).toList());
        }

        Duration fullRestoreMedian() {
            return Median.of(full.stream().map(Start::restore).toList());
        }

        Duration emptyMedian() {
            return Median.of(empty.stream().map(Start::took).toList());
        }
    }

    Result run(Path workDirectory) throws Exception {
        Path full = workDirectory.resolve("startup-full");
        long fillStart = System.nanoTime();
        fill(full);
        Duration fill = Duration.ofNanos(System.nanoTime() - fillStart);
        Progress.say("startup: filled %s in %d ms", full, fill.toMillis());

        // Interleaved, so that a slow spell of the machine falls on both.
        List<Start> fullStarts = new ArrayList<>();
        List<Start> emptyStarts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            fullStarts.add(timeStart(workDirectory, full, RESERVED_SESSIONS + ENDED_SESSIONS));
            emptyStarts.add(timeStart(workDirectory, workDirectory.resolve("startup-empty-" + i), 0));
        }
        Progress.say("startup: full %s, empty %s", fullStarts, emptyStarts);
        return new Result(fill, fullStarts, emptyStarts);
    }

    /** Fills {@code dataDir} through the Java API, several callers at once as a busy backend would. */
    private static void fill(Path dataDir) throws Exception {
        TicketgateAgent agent = BenchAgents.builder().dataDirectory(dataDir).reservationTimeout(RESERVATION_TIMEOUT)
                .build().start();
        ExecutorService fillers = Executors.newFixedThreadPool(FILLERS);
        try {
            List<Future<?>> games = new ArrayList<>();
            for (int game = 0; game < RESERVED_SESSIONS / SLOTS; game++) {
                games.add(fillers.submit(() -> fillGame(agent, false)));
            }
            for (int game = 0; game < ENDED_SESSIONS / SLOTS; game++) {
                games.add(fillers.submit(() -> fillGame(agent, true)));
            }
            for (Future<?> game : games) {
                game.get();
            }
        } finally {
            fillers.shutdown();
            // A graceful stop with a data dir keeps the RESERVED sessions.
            agent.stop();
        }
    }

    private static void fillGame(TicketgateAgent agent, boolean end) {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(SLOTS).build());
        for (int batch = 0; batch < SLOTS / BATCH; batch++) {
            int from = batch * BATCH;
            List<String> players = IntStream.range(from, from + BATCH)
                    .mapToObj(i -> "player-" + i).toList();
            agent.reservePlayerSessions(game.gameSessionId(), players, Map.of());
        }
        if (end) {
            agent.endGameSession(game.gameSessionId());
        }
    }

    /**
     * Starts a sidecar process on {@code dataDir}, times it until it logs that it serves, checks
     * it restored {@code sessions} player sessions, and stops it.
     */
    private static Start timeStart(Path workDirectory, Path dataDir, int sessions)
            throws IOException, InterruptedException {
        long bytes = Files.isDirectory(dataDir) ? sizeOf(dataDir) : 0;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SIDECAR,
                "--data-dir", dataDir.toString(), "--player-port", "0", "--control-port", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDirectory.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TICKETGATE_"));
        long before = System.nanoTime();
        Process agent = builder.start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            Duration restore = null;
            List<String> lines = new ArrayList<>();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                lines.add(line);
                Matcher restored = RESTORED.matcher(line);
                if (restored.find()) {
                    requireRestored(restored, sessions, lines);
                    restore = Duration.ofMillis(Long.parseLong(restored.group(4)));
                }
                if (line.contains("serving players")) {
                    Duration took = Duration.ofNanos(System.nanoTime() - before);
                    if (restore == null) {
                        throw new IllegalStateException("the agent served without saying what it restored: " + lines);
                    }
                    return new Start(bytes, took, restore);
                }
            }
            throw new IllegalStateException("the agent ended without serving: " + lines);
        } finally {
            agent.destroy();
            if (!agent.waitFor(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        }
    }

    private static void requireRestored(Matcher restored, int sessions, List<String> lines) {
        int players = Integer.parseInt(restored.group(2));
        int reserved = Integer.parseInt(restored.group(3));
        int expectedReserved = sessions == 0 ? 0 : RESERVED_SESSIONS;
        if (players != sessions || reserved != expectedReserved) {
            throw new IllegalStateException("the restarted agent lost sessions: expected " + sessions + " ("
                    + expectedReserved + " RESERVED), it says " + lines.get(lines.size() - 1));
        }
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            long bytes = 0;
            for (Path file : (Iterable<Path>) files::iterator) {
                bytes += Files.size(file);
            }
            return bytes;
        }
    }
}
