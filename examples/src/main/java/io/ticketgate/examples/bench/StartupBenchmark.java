package io.ticketgate.examples.bench;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.TicketgateAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * How long {@link TicketgateAgent#start()} takes on a data dir holding 100,000 RESERVED player
 * sessions and some ended history, against an empty data dir: from the call until it returns,
 * when the agent serves.
 */
final class StartupBenchmark {

    static final int RESERVED_SESSIONS = 100_000;
    /** Ended history on top: game sessions ended with their players, as retention keeps them. */
    static final int ENDED_SESSIONS = 10_000;
    static final int STARTS = 3;
    private static final int SLOTS = 200;
    /** CreatePlayerSessions' largest batch. */
    private static final int BATCH = 25;
    private static final int FILLERS = 8;
    /** Long enough that nothing times out between filling and the last start. */
    private static final Duration RESERVATION_TIMEOUT = Duration.ofDays(1);

    /** One start: how much the data dir held when it began, and how long it took. */
    record Start(long dataDirBytes, Duration took) {
    }

    /** The starts on the full dir and on empty ones, and how long filling took. */
    record Result(Duration fill, List<Start> full, List<Start> empty) {

        Duration fullMedian() {
            return Median.of(full.stream().map(Start::took).toList());
        }

        Duration emptyMedian() {
            return Median.of(empty.stream().map(Start::took).toList());
        }
    }

    /** What a restarted agent must still hold: one full game session and one of its players. */
    private record Sample(String gameSessionId, String playerSessionId) {
    }

    Result run(Path workDirectory) throws Exception {
        Path full = workDirectory.resolve("startup-full");
        long fillStart = System.nanoTime();
        Sample sample = fill(full);
        Duration fill = Duration.ofNanos(System.nanoTime() - fillStart);
        Progress.say("startup: filled %s in %d ms", full, fill.toMillis());

        List<Start> fullStarts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            fullStarts.add(timeStart(full, sample));
        }
        List<Start> emptyStarts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            emptyStarts.add(timeStart(workDirectory.resolve("startup-empty-" + i), null));
        }
        Progress.say("startup: full %s, empty %s", fullStarts, emptyStarts);
        return new Result(fill, fullStarts, emptyStarts);
    }

    private static TicketgateAgent.Builder agentOn(Path dataDir) {
        return BenchAgents.builder().dataDirectory(dataDir).reservationTimeout(RESERVATION_TIMEOUT);
    }

    /** Fills {@code dataDir} through the Java API, several callers at once as a busy backend would. */
    private static Sample fill(Path dataDir) throws Exception {
        TicketgateAgent agent = agentOn(dataDir).build().start();
        ExecutorService fillers = Executors.newFixedThreadPool(FILLERS);
        try {
            List<Future<Sample>> games = new ArrayList<>();
            for (int game = 0; game < RESERVED_SESSIONS / SLOTS; game++) {
                games.add(fillers.submit(() -> fillGame(agent, false)));
            }
            for (int game = 0; game < ENDED_SESSIONS / SLOTS; game++) {
                games.add(fillers.submit(() -> fillGame(agent, true)));
            }
            for (Future<Sample> game : games) {
                game.get();
            }
            return games.get(0).get();
        } finally {
            fillers.shutdown();
            // A graceful stop with a data dir keeps the RESERVED sessions.
            agent.stop();
        }
    }

    private static Sample fillGame(TicketgateAgent agent, boolean end) {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(SLOTS).build());
        String first = null;
        for (int batch = 0; batch < SLOTS / BATCH; batch++) {
            int from = batch * BATCH;
            List<String> players = IntStream.range(from, from + BATCH)
                    .mapToObj(i -> "player-" + i).toList();
            List<PlayerSession> reserved = agent.reservePlayerSessions(game.gameSessionId(), players, Map.of());
            first = first != null ? first : reserved.get(0).playerSessionId();
        }
        if (end) {
            agent.endGameSession(game.gameSessionId());
        }
        return new Sample(game.gameSessionId(), first);
    }

    /** Times one start on {@code dataDir}, checks the restored agent holds {@code sample}, and stops it. */
    private static Start timeStart(Path dataDir, Sample sample) throws IOException {
        long bytes = Files.isDirectory(dataDir) ? sizeOf(dataDir) : 0;
        TicketgateAgent agent = agentOn(dataDir).build();
        long before = System.nanoTime();
        agent.start();
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        try {
            if (sample != null) {
                requireRestored(agent, sample);
            }
            return new Start(bytes, took);
        } finally {
            agent.stop();
        }
    }

    private static void requireRestored(TicketgateAgent agent, Sample sample) {
        int players = agent.gameSession(sample.gameSessionId()).map(GameSession::currentPlayerSessionCount).orElse(-1);
        PlayerSessionStatus status = agent.playerSession(sample.playerSessionId()).map(PlayerSession::status)
                .orElse(null);
        if (players != SLOTS || status != PlayerSessionStatus.RESERVED) {
            throw new IllegalStateException("the restarted agent lost sessions: game session "
                    + sample.gameSessionId() + " holds " + players + " players, player session "
                    + sample.playerSessionId() + " is " + status);
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
