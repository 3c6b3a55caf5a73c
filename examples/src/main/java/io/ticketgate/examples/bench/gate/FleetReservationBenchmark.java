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
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final Pattern REDIS_READY = Pattern.compile("Ready to accept connections");
    private static final Pattern GAME_SESSION_ID = Pattern.compile("\"GameSessionId\":\"([^\"]+)\"");

    /** The setups measured, in the report's order. */
    public enum Setup {
        STANDALONE("standalone sidecar"),
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

    /** One setup's rounds. */
    public record Row(Setup setup, List<ClosedLoop.Round> rounds) {

        public double rate() {
            return Median.of(rounds.stream().map(ClosedLoop.Round::rate).toList());
        }
    }

    /** The rows, or why there are none. */
    public record Result(List<Row> rows, String note) {
    }

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
            started.add(start("redis", List.of(REDIS.toString(), "--port", Integer.toString(redisPort), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec", "--dir",
                    directory.toString()), directory, REDIS_READY).process());
            int standalone = sidecar(started, directory, "standalone");
            List<Integer> fleet = new ArrayList<>();
            for (String agentId : List.of("bench-a", "bench-b", "bench-c")) {
                fleet.add(sidecar(started, directory, agentId, "--fleet-redis", "redis://127.0.0.1:" + redisPort,
                        "--agent-id", agentId));
            }
            List<Row> rows = List.of(new Row(Setup.STANDALONE, new ArrayList<>()),
                    new Row(Setup.FLEET_THROUGH_ONE, new ArrayList<>()),
                    new Row(Setup.FLEET_THROUGH_THREE, new ArrayList<>()));
            // Round 0 only lets the JIT compile the paths; its figures are dropped.
            for (int round = 0; round <= ROUNDS; round++) {
                for (Row row : rows) {
                    List<Integer> ports = switch (row.setup()) {
                        case STANDALONE -> List.of(standalone);
                        case FLEET_THROUGH_ONE -> fleet.subList(0, 1);
                        case FLEET_THROUGH_THREE -> fleet;
                    };
                    ClosedLoop.Round measured = loop.measure(threads, CALLERS, i -> ports.get(i % ports.size()),
                            i -> reserving());
                    Progress.say("fleet round %d, %s: %.0f reservations/s", round, row.setup().label(),
                            measured.rate());
                    if (round > 0) {
                        row.rounds().add(measured);
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
    private ClosedLoop.Call reserving() {
        String[] game = {null};
        int[] free = {0};
        return wire -> {
            if (free[0] == 0) {
                AwsJsonCaller.Answer created = wire.createGameSession("fleet-local", SLOTS);
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

    /** Starts a sidecar that keeps reservations for the whole run; returns its control port. */
    private static int sidecar(List<ServerProcess> started, Path directory, String name, String... fleetArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--upstream", "127.0.0.1:1", "--player-port", "0",
                "--control-port", "0", "--reservation-timeout", "1h", "--control-requests-per-second", "0"));
        args.addAll(List.of(fleetArgs));
        ServerProcess.Started sidecar = start("sidecar " + name, ServerProcess.java(JVM_OPTIONS,
                GateServers.SIDECAR, args.toArray(String[]::new)), directory, GateServers.SIDECAR_READY);
        started.add(sidecar.process());
        return sidecar.port(2);
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
