package io.ticketgate.examples.bench;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.TicketgateAgent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CreatePlayerSession calls per second over the control API, a memory-only agent against one
 * with a data dir, both running in this JVM: closed-loop callers (each sends its next call when
 * the last one is answered), for each caller count, in interleaved rounds (memory, disk, memory,
 * disk...) so that a slow spell of the machine falls on both.
 */
final class ReservationBenchmark {

    static final int[] CALLER_COUNTS = {1, 4, 32};
    static final int ROUNDS = 3;
    /** GameLift's largest game session; a caller ends its full one and opens the next. */
    private static final int SLOTS = 200;
    /** The agent's count of journal batches, each one write and one fsync. */
    private static final String BATCHES = "ticketgate_data_batches_total";

    /** What one caller count measured on one agent in one round. */
    /**
     * @param sent every call of the round, warm-up included
     * @param fsyncs the journal's batches (one fsync each) over the whole round; -1 without a data dir
     */
    record Round(int callers, long calls, long errors, String firstError, Duration elapsed, Latencies latencies,
            long sent, long fsyncs) {

        double rate() {
            return calls / (elapsed.toNanos() / 1e9);
        }

        /** How many calls shared an fsync, on average; game session creates and ends write some too. */
        double callsPerFsync() {
            return fsyncs > 0 ? (double) sent / fsyncs : 0;
        }
    }

    /** The figures for one caller count: each agent's rounds. */
    record Row(int callers, List<Round> memory, List<Round> disk) {

        double memoryRate() {
            return Median.of(memory.stream().map(Round::rate).toList());
        }

        double diskRate() {
            return Median.of(disk.stream().map(Round::rate).toList());
        }

        double diskCallsPerFsync() {
            return Median.of(disk.stream().map(Round::callsPerFsync).toList());
        }
    }

    /** One agent under test, with a kept-alive caller for each thread. */
    private record Target(TicketgateAgent agent, List<AwsJsonCaller> callers) {

        static Target start(TicketgateAgent.Builder builder, int callers) {
            TicketgateAgent agent = builder.build().start();
            List<AwsJsonCaller> wires = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                wires.add(new AwsJsonCaller(agent.controlPort()));
            }
            return new Target(agent, wires);
        }
    }

    private final Duration warmUp;
    private final Duration length;
    private final AtomicLong playerIds = new AtomicLong();

    ReservationBenchmark(Duration warmUp, Duration length) {
        this.warmUp = warmUp;
        this.length = length;
    }

    /** Runs every round on a memory-only agent and on one keeping its sessions in {@code dataDir}. */
    List<Row> run(Path dataDir) throws InterruptedException, ExecutionException, IOException {
        int most = CALLER_COUNTS[CALLER_COUNTS.length - 1];
        ExecutorService threads = Executors.newFixedThreadPool(most);
        Target memory = Target.start(BenchAgents.builder(), most);
        Target disk = Target.start(BenchAgents.builder().dataDirectory(dataDir), most);
        try {
            List<Row> rows = new ArrayList<>();
            for (int callers : CALLER_COUNTS) {
                rows.add(new Row(callers, new ArrayList<>(), new ArrayList<>()));
            }
            // Round 0 only lets the JIT compile both agents' paths; its figures are dropped.
            for (int round = 0; round <= ROUNDS; round++) {
                for (Row row : rows) {
                    Round onMemory = measure(threads, memory, row.callers());
                    Round onDisk = measure(threads, disk, row.callers());
                    Progress.say("round %d, %d callers: memory %.0f/s, disk %.0f/s", round, row.callers(),
                            onMemory.rate(), onDisk.rate());
                    if (round > 0) {
                        row.memory().add(onMemory);
                        row.disk().add(onDisk);
                    }
                }
            }
            return rows;
        } finally {
            threads.shutdownNow();
            memory.agent().stop();
            disk.agent().stop();
        }
    }

    /** Warms up, then measures {@code callers} closed-loop callers, all starting and stopping together. */
    private Round measure(ExecutorService threads, Target target, int callers)
            throws InterruptedException, ExecutionException, IOException {
        double batchesBefore = target.callers().get(0).metric(BATCHES);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + length.toNanos();
        List<Future<Round>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            AwsJsonCaller wire = target.callers().get(i);
            running.add(threads.submit(callLoop(target.agent(), wire, callers, measureFrom, measureUntil)));
        }
        long calls = 0;
        long sent = 0;
        long errors = 0;
        String firstError = null;
        Latencies latencies = new Latencies();
        long lastAnswer = measureUntil;
        for (Future<Round> caller : running) {
            Round one = caller.get();
            calls += one.calls();
            sent += one.sent();
            errors += one.errors();
            firstError = firstError != null ? firstError : one.firstError();
            latencies.addAll(one.latencies());
            lastAnswer = Math.max(lastAnswer, measureFrom + one.elapsed().toNanos());
        }
        // A call under way at the end is answered a little late: it counts, and so does its time.
        double batches = target.callers().get(0).metric(BATCHES);
        long fsyncs = batchesBefore < 0 ? -1 : (long) (batches - batchesBefore);
        return new Round(callers, calls, errors, firstError, Duration.ofNanos(lastAnswer - measureFrom), latencies,
                sent, fsyncs);
    }

    /** One caller: reserves until {@code until}, counting only the calls sent from {@code from} on. */
    private Callable<Round> callLoop(TicketgateAgent agent, AwsJsonCaller wire, int callers, long from, long until) {
        return () -> {
            String game = null;
            int free = 0;
            long calls = 0;
            long sent = 0;
            long errors = 0;
            String firstError = null;
            Latencies latencies = new Latencies();
            long now = System.nanoTime();
            while (now < until) {
                if (free == 0) {
                    // Through the Java API and outside the timed call: about 1 in 200 calls.
                    if (game != null) {
                        agent.endGameSession(game);
                    }
                    game = agent.createGameSession(CreateGameSessionRequest.builder(SLOTS).build()).gameSessionId();
                    free = SLOTS;
                }
                long sentAt = System.nanoTime();
                AwsJsonCaller.Answer answer = wire.createPlayerSession(game, "player-" + playerIds.incrementAndGet());
                now = System.nanoTime();
                free--;
                sent++;
                if (sentAt >= from) {
                    calls++;
                    latencies.add(now - sentAt);
                    if (!answer.reserved()) {
                        errors++;
                        firstError = firstError != null ? firstError : answer.status() + " " + answer.body();
                    }
                }
            }
            if (game != null) {
                agent.endGameSession(game);
            }
            return new Round(callers, calls, errors, firstError, Duration.ofNanos(now - from), latencies, sent, -1);
        };
    }
}
