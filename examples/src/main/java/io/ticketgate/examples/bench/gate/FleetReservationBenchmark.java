package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.AwsJsonCaller;
import io.ticketgate.examples.bench.ClosedLoop;
import io.ticketgate.examples.bench.Median;
import io.ticketgate.examples.bench.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CreatePlayerSession calls per second in a fleet of three sidecars on one Redis (AOF, fsync every
 * second, as FLEET.md asks of a fleet's Redis) against one standalone sidecar: through one agent
 * of the fleet, and through all three. Game sessions are created through the same agent as the
 * reservations and placed by the fleet, so two in three reservations run at another agent.
 * Closed-loop callers over AWS JSON 1.1, the setups interleaved round by round.
 */
public final class FleetReservationBenchmark {

    public static final int CALLERS = 12;
    public static final int ROUNDS = 3;
    /** The sidecars' JVM options: those of the agent's container image. */
    public static final List<String> JVM_OPTIONS = GateServers.IMAGE_JVM_OPTIONS;
    private static final int SLOTS = 200;
    private static final String FLEET = "fleet-local";
    private static final String SOLO_FLEET = "fleet-solo";
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final Pattern REDIS_READY = Pattern.compile("Ready to accept connections");
    private static final Pattern GAME_SESSION_ID = Pattern.compile("\"GameSessionId\":\"([^\"]+)\"");

    /** The setups measured, in the report's order. */
    public enum Setup {
        STANDALONE("standalone sidecar"),
        FLEET_OF_ONE("fleet of 1 (its own Redis keys, the same Redis)"),
        FLEET_THROUGH_ONE("fleet of 3, all calls through one agent"),
        FLEET_THROUGH_THREE("fleet of 3, calls through all three");

        private final String label;

        Setup(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One setup's rounds: each with the CPU time of the setup's agents, and (with {@code redis})
     * of Redis, per reservation.
     */
    public record Row(Setup setup, List<ClosedLoop.Round> rounds, List<ClosedLoop.Round> redis) {

        Row(Setup setup) {
            this(setup, new ArrayList<>(), new ArrayList<>());
        }

        public double rate() {
            return Median.of(rounds.stream().map(ClosedLoop.Round::rate).toList());
        }

        /** Median over rounds of the agents' CPU per reservation, in microseconds. */
        public double agentsMicros() {
            return Median.of(rounds.stream().map(ClosedLoop.Round::cpuMicrosPerCall).toList());
        }

        /** Median over rounds of Redis's CPU per reservation, in microseconds; 0 without Redis. */
        public double redisMicros() {
            return redis.isEmpty() ? 0 : Median.of(redis.stream().map(ClosedLoop.Round::cpuMicrosPerCall).toList());
        }
    }

    /** The rows, or why there are none. */
    public record Result(List<Row> rows, String note) {
    }

    /**
     * Round 0 warms every JVM up at length: five of them compile their paths on two cores, which
     * a short warm-up leaves to fall into the measured rounds.
     */
    private static final ClosedLoop WARM_UP = new ClosedLoop(Duration.ofSeconds(8), Duration.ofSeconds(1));

    private final ClosedLoop loop;
    private final AtomicLong playerIds = new AtomicLong();

    public FleetReservationBenchmark(Duration warmUp, Duration length) {
        this.loop = new ClosedLoop(warmUp, length);
    }

    /** Starts Redis and four sidecars (their logs go to {@code directory}), measures, stops them. */
    public Result run(Path directory) throws Exception {
        if (!Files.isExecutable(REDIS)) {
            return new Result(List.of(), "redis-server is not installed (apt-get install redis-server)");
        }
        List<ServerProcess> started = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        try {
            int redisPort = freePort();
            ServerProcess redis = start("redis", List.of(REDIS.toString(), "--port", Integer.toString(redisPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                    "--dir", directory.toString()), directory, REDIS_READY).process();
            started.add(redis);
            ServerProcess.Started standalone = sidecar(started, directory, "standalone");
            ServerProcess.Started alone = sidecar(started, directory, "alone", "--fleet-redis",
                    "redis://127.0.0.1:" + redisPort, "--fleet-id", SOLO_FLEET, "--agent-id", "bench-solo");
            List<ServerProcess.Started> fleet = new ArrayList<>();
            for (String agentId : List.of("bench-a", "bench-b", "bench-c")) {
                fleet.add(sidecar(started, directory, agentId, "--fleet-redis", "redis://127.0.0.1:" + redisPort,
                        "--agent-id", agentId));
            }
            List<Row> rows = List.of(new Row(Setup.STANDALONE), new Row(Setup.FLEET_OF_ONE),
                    new Row(Setup.FLEET_THROUGH_ONE), new Row(Setup.FLEET_THROUGH_THREE));
            for (int round = 0; round <= ROUNDS; round++) {
                for (Row row : rows) {
                    List<ServerProcess.Started> agents = switch (row.setup()) {
                        case STANDALONE -> List.of(standalone);
                        case FLEET_OF_ONE -> List.of(alone);
                        case FLEET_THROUGH_ONE, FLEET_THROUGH_THREE -> fleet;
                    };
                    List<ServerProcess.Started> called = row.setup() == Setup.FLEET_THROUGH_ONE
                            ? fleet.subList(0, 1) : agents;
                    String fleetId = row.setup() == Setup.FLEET_OF_ONE ? SOLO_FLEET : FLEET;
                    long[] redisCpu = new long[2];
                    // Round 0 only lets the JITs compile the paths; its figures are dropped.
                    ClosedLoop.Round measured = (round == 0 ? WARM_UP : loop).measure(threads, CALLERS,
                            i -> called.get(i % called.size()).port(2), i -> reserving(fleetId),
                            () -> meter(agents, redis, redisCpu));
                    Progress.say("fleet round %d, %s: %.0f reservations/s", round, row.setup().label(),
                            measured.rate());
                    if (round > 0) {
                        row.rounds().add(measured);
                        if (row.setup() != Setup.STANDALONE) {
                            row.redis().add(new ClosedLoop.Round(measured.calls(), 0, null, measured.elapsed(),
                                    measured.latencies(), redisCpu[1] - redisCpu[0]));
                        }
                    }
                }
            }
            return new Result(rows, null);
        } finally {
            threads.shutdownNow();
            for (ServerProcess process : started) {
                process.close();
            }
        }
    }

    /** A caller that fills a game session it created through the same agent, then creates the next. */
    private ClosedLoop.Call reserving(String fleetId) {
        String[] game = {null};
        int[] free = {0};
        return wire -> {
            if (free[0] == 0) {
                AwsJsonCaller.Answer created = wire.createGameSession(fleetId, SLOTS);
                Matcher id = GAME_SESSION_ID.matcher(created.body());
                if (created.status() != 200 || !id.find()) {
                    return created;
                }
                game[0] = id.group(1);
                free[0] = SLOTS;
            }
            free[0]--;
            return wire.createPlayerSession(game[0], "player-" + playerIds.incrementAndGet());
        };
    }

    /**
     * The agents' CPU time so far; also keeps Redis's, first and last reading, in {@code redis}:
     * the meter is read once before the measured time and once after.
     */
    private static long meter(List<ServerProcess.Started> agents, ServerProcess redis, long[] redisCpu) {
        long redisNow = redis.cpuNanos();
        if (redisCpu[0] == 0) {
            redisCpu[0] = redisNow;
        }
        redisCpu[1] = redisNow;
        return agents.stream().mapToLong(agent -> agent.process().cpuNanos()).sum();
    }

    /** Starts a sidecar that keeps reservations for the whole run; its ports are groups 1 and 2. */
    private static ServerProcess.Started sidecar(List<ServerProcess> started, Path directory, String name,
            String... fleetArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--upstream", "127.0.0.1:1", "--player-port", "0",
                "--control-port", "0", "--reservation-timeout", "1h", "--control-requests-per-second", "0"));
        args.addAll(List.of(fleetArgs));
        ServerProcess.Started sidecar = start("sidecar " + name, ServerProcess.java(JVM_OPTIONS,
                GateServers.SIDECAR, args.toArray(String[]::new)), directory, GateServers.SIDECAR_READY);
        started.add(sidecar.process());
        return sidecar;
    }

    private static ServerProcess.Started start(String name, List<String> command, Path directory, Pattern ready)
            throws IOException, InterruptedException {
        ServerProcess.Started process = ServerProcess.start(name, command, directory, ready);
        Progress.say("fleet: %s started (pid %d)", name, process.process().pid());
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
