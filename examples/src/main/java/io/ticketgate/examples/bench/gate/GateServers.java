package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.Progress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Starts every server of the comparison, each its own process, and says where each column's
 * players go. Closing it kills them all.
 */
final class GateServers implements AutoCloseable {

    /** The agent rows' one setting off its default; the report names it. */
    static final String HANDSHAKE_RATE_FLAG = "--handshakes-per-second-per-ip";
    static final String SIDECAR = "io.ticketgate.agent.launcher.Sidecar";
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final Pattern REDIS_READY = Pattern.compile("Ready to accept connections");
    /** Besides -XX:+ExitOnOutOfMemoryError, which every server of the comparison gets. */
    static final List<String> IMAGE_JVM_OPTIONS = List.of("-XX:MaxNewSize=16m");
    static final Pattern READY = Pattern.compile(Pattern.quote(LoopbackServer.READY) + "(\\d+)");
    private static final Pattern EMBEDDED_READY = Pattern.compile(
            Pattern.quote(LoopbackServer.READY) + "(\\d+) control (\\d+)");
    static final Pattern SIDECAR_READY = Pattern.compile(
            "serving players on \\S*:(\\d+)[\\s\\S]*?Control API[^\\n]*? on https?://[^/]*:(\\d+)/");

    private final List<ServerProcess> started = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();
    private String haproxyNote;
    private String fleetNote;

    /**
     * @param settings the agents' per-address handshake rate and the sidecar's JVM options
     */
    GateServers(Path directory, GateBenchmark.Settings settings) throws IOException, InterruptedException {
        int handshakesPerSecondPerAddress = settings.handshakesPerSecondPerAddress();
        try {
            ServerProcess.Started echo = start("echo server", ServerProcess.java(EchoServer.class.getName()),
                    directory, READY);
            ServerProcess.Started floor = start("floor", ServerProcess.java(FloorServer.class.getName()),
                    directory, READY);
            columns.add(new Column("bare Netty TGT/1 server, no store (floor) / direct",
                    new Route(loopback(floor.port(1)), true, null, List.of(floor.process())),
                    new Route(loopback(echo.port(1)), false, null, List.of(echo.process()))));

            Optional<String> noHaproxy = Haproxy.ensureInstalled();
            if (noHaproxy.isPresent()) {
                haproxyNote = noHaproxy.get();
                Progress.say("%s; the HAProxy column is skipped", haproxyNote);
            } else {
                haproxyNote = Haproxy.version();
                Haproxy.Running haproxy = Haproxy.start(directory, floor.port(1), echo.port(1));
                started.add(haproxy.process());
                columns.add(new Column("HAProxy 2.6 `mode tcp`",
                        new Route(loopback(haproxy.handshakePort()), true, null,
                                List.of(haproxy.process(), floor.process())),
                        new Route(loopback(haproxy.echoPort()), false, null,
                                List.of(haproxy.process(), echo.process()))));
            }

            ServerProcess.Started sidecar = start("sidecar", ServerProcess.java(sidecarJvmOptions(settings), SIDECAR,
                    "--upstream", "127.0.0.1:" + echo.port(1), "--player-port", "0", "--control-port", "0",
                    HANDSHAKE_RATE_FLAG, Integer.toString(handshakesPerSecondPerAddress)), directory, SIDECAR_READY);
            Route viaSidecar = new Route(loopback(sidecar.port(1)), true, new Reservations(sidecar.port(2)),
                    List.of(sidecar.process(), echo.process()));
            columns.add(new Column("Ticketgate sidecar", viaSidecar, viaSidecar));
            if (settings.fleet()) {
                addFleetSidecar(directory, settings, echo);
            }

            ServerProcess.Started embedded = start("embedded", ServerProcess.java(EmbeddedEchoServer.class.getName(),
                    Integer.toString(handshakesPerSecondPerAddress)), directory, EMBEDDED_READY);
            Route viaEmbedded = new Route(loopback(embedded.port(1)), true, new Reservations(embedded.port(2)),
                    List.of(embedded.process()));
            columns.add(new Column("Ticketgate embedded", viaEmbedded, viaEmbedded));
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * The sidecar's JVM options: the run's own if it gave any, else those its container image
     * and launcher add (agent/pom.xml's jib jvmFlags, the launcher's FootprintOptions).
     */
    static List<String> sidecarJvmOptions(GateBenchmark.Settings settings) {
        return settings.sidecarJvmOptions().isEmpty() ? IMAGE_JVM_OPTIONS : settings.sidecarJvmOptions();
    }

    /**
     * The same sidecar in fleet mode, with a Redis of its own (no persistence): what the fleet
     * costs on a player's path. Skipped, with a note, where redis-server is not installed.
     */
    private void addFleetSidecar(Path directory, GateBenchmark.Settings settings, ServerProcess.Started echo)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(REDIS)) {
            fleetNote = "redis-server is not installed (apt-get install redis-server): no fleet-mode column";
            Progress.say("%s", fleetNote);
            return;
        }
        int redisPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            redisPort = free.getLocalPort();
        }
        ServerProcess.Started redis = start("redis", List.of(REDIS.toString(), "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), directory, REDIS_READY);
        ServerProcess.Started sidecar = start("sidecar in a fleet", ServerProcess.java(sidecarJvmOptions(settings),
                SIDECAR, "--upstream", "127.0.0.1:" + echo.port(1), "--player-port", "0", "--control-port", "0",
                HANDSHAKE_RATE_FLAG, Integer.toString(settings.handshakesPerSecondPerAddress()),
                "--fleet-redis", "redis://127.0.0.1:" + redisPort, "--agent-id", "bench-1"), directory, SIDECAR_READY);
        Route route = new Route(loopback(sidecar.port(1)), true, new Reservations(sidecar.port(2)),
                List.of(sidecar.process(), echo.process(), redis.process()));
        columns.add(new Column("Ticketgate sidecar, fleet mode (+ Redis)", route, route));
    }

    /** Why the fleet-mode column is missing, or null. */
    String fleetNote() {
        return fleetNote;
    }

    /** The columns, the baseline (floor / direct) first. */
    List<Column> columns() {
        return columns;
    }

    /** HAProxy's version line, or why its column is missing. */
    String haproxyNote() {
        return haproxyNote;
    }

    private ServerProcess.Started start(String name, List<String> command, Path directory, Pattern ready)
            throws IOException, InterruptedException {
        ServerProcess.Started process = ServerProcess.start(name, command, directory, ready);
        started.add(process.process());
        Progress.say("gate: %s started (pid %d)", name, process.process().pid());
        return process;
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess process : started) {
            process.close();
        }
    }
}
