package io.ticketgate.examples.bench;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.examples.bench.ClosedLoop.Round;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The control API's other hot calls over the wire, beside CreatePlayerSession's
 * ({@link ReservationBenchmark}): CreatePlayerSessions with 25 players a call, and one
 * DescribePlayerSessions page (Limit 10, by a game session picked at random for each call) on an
 * agent holding 100 sessions and on one holding 100,000. Memory-only agents in this JVM,
 * {@value #CALLERS} closed-loop callers, the three loads interleaved round by round.
 */
final class ControlApiBenchmark {

    static final int CALLERS = 4;
    static final int ROUNDS = 3;
    static final int BATCH = 25;
    static final int PAGE = 10;
    static final int SMALL_STORE = 100;
    static final int LARGE_STORE = 100_000;
    private static final int SLOTS = 200;
    /** Long enough that the stores keep their sessions RESERVED for the whole run. */
    private static final Duration RESERVATION_TIMEOUT = Duration.ofHours(1);

    /** One load's rounds. */
    record Load(String name, int sessionsPerCall, List<Round> rounds) {

        double rate() {
            return Median.of(rounds.stream().map(Round::rate).toList());
        }

        Latencies latencies() {
            Latencies all = new Latencies();
            rounds.forEach(round -> all.addAll(round.latencies()));
            return all;
        }

        long errors() {
            return rounds.stream().mapToLong(Round::errors).sum();
        }

        String firstError() {
            return rounds.stream().map(Round::firstError).filter(error -> error != null).findFirst().orElse(null);
        }
    }

    /** An agent holding RESERVED player sessions in full game sessions of 200, and those game sessions. */
    private record Store(TicketgateAgent agent, List<String> games) {

        /** Fills a new agent with {@code sessions} reservations through the Java API. */
        static Store filled(int sessions, AtomicLong playerIds) {
            TicketgateAgent agent = BenchAgents.builder().reservationTimeout(RESERVATION_TIMEOUT).build().start();
            List<String> games = new ArrayList<>();
            for (int from = 0; from < sessions; from += SLOTS) {
                String game = agent.createGameSession(CreateGameSessionRequest.builder(SLOTS).build()).gameSessionId();
                games.add(game);
                int players = Math.min(SLOTS, sessions - from);
                for (int batch = 0; batch < players; batch += BATCH) {
                    agent.reservePlayerSessions(game, IntStream.range(batch, Math.min(players, batch + BATCH))
                            .mapToObj(i -> "player-" + playerIds.incrementAndGet()).toList(), Map.of());
                }
            }
            return new Store(agent, games);
        }
    }

    private final ClosedLoop loop;
    private final AtomicLong playerIds = new AtomicLong();

    ControlApiBenchmark(Duration warmUp, Duration length) {
        this.loop = new ClosedLoop(warmUp, length);
    }

    /** Runs the rounds: CreatePlayerSessions, then a describe page on the small and on the large store. */
    List<Load> run() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        TicketgateAgent batches = BenchAgents.builder().build().start();
        Store small = Store.filled(SMALL_STORE, playerIds);
        Store large = Store.filled(LARGE_STORE, playerIds);
        try {
            Load create = new Load("CreatePlayerSessions, " + BATCH + " players", BATCH, new ArrayList<>());
            Load describeSmall = new Load(String.format("DescribePlayerSessions page, %,d sessions held", SMALL_STORE),
                    PAGE, new ArrayList<>());
            Load describeLarge = new Load(String.format("DescribePlayerSessions page, %,d sessions held", LARGE_STORE),
                    PAGE, new ArrayList<>());
            // Round 0 only lets the JIT compile the paths; its figures are dropped.
            for (int round = 0; round <= ROUNDS; round++) {
                Round created = loop.measure(threads, CALLERS, i -> batches.controlPort(), i -> batchCaller(batches));
                Round describedSmall = loop.measure(threads, CALLERS, i -> small.agent().controlPort(),
                        i -> describeCaller(small.games()));
                Round describedLarge = loop.measure(threads, CALLERS, i -> large.agent().controlPort(),
                        i -> describeCaller(large.games()));
                Progress.say("control round %d: CreatePlayerSessions %.0f/s, describe %.0f/s (%,d held), %.0f/s (%,d)",
                        round, created.rate(), describedSmall.rate(), SMALL_STORE, describedLarge.rate(), LARGE_STORE);
                if (round > 0) {
                    create.rounds().add(created);
                    describeSmall.rounds().add(describedSmall);
                    describeLarge.rounds().add(describedLarge);
                }
            }
            return List.of(create, describeSmall, describeLarge);
        } finally {
            threads.shutdownNow();
            batches.stop();
            small.agent().stop();
            large.agent().stop();
        }
    }

    /** Each caller fills its own game session 25 players a call, and opens the next when it is full. */
    private ClosedLoop.Call batchCaller(TicketgateAgent agent) {
        String[] game = {null};
        int[] free = {0};
        return wire -> {
            if (free[0] == 0) {
                // Through the Java API and outside the timed call: one call in eight.
                if (game[0] != null) {
                    agent.endGameSession(game[0]);
                }
                game[0] = agent.createGameSession(CreateGameSessionRequest.builder(SLOTS).build()).gameSessionId();
                free[0] = SLOTS;
            }
            free[0] -= BATCH;
            List<String> players = IntStream.range(0, BATCH).mapToObj(i -> "player-" + playerIds.incrementAndGet())
                    .toList();
            return wire.createPlayerSessions(game[0], players);
        };
    }

    private static ClosedLoop.Call describeCaller(List<String> games) {
        return wire -> wire.describePlayerSessions(games.get(ThreadLocalRandom.current().nextInt(games.size())), PAGE);
    }
}
