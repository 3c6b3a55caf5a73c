package io.ticketgate.examples.bench.gate;

import io.ticketgate.examples.bench.Progress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 13's memory target: a sidecar with a 256 MiB heap (and its image's JVM options) holding
 * many RESERVED sessions and many idle players piped to an echo server. Live heap is read with
 * {@code jcmd GC.heap_info} after {@code jcmd GC.run}: empty, after the reservations, after the
 * players; per reservation and per player is the growth divided by the count.
 */
public final class CapacityBenchmark {

    /** Held under the default 256 per address: 200 players from each loopback address. */
    private static final int PLAYERS_PER_ADDRESS = 200;
    private static final String HEAP_LIMIT = "-Xmx256m";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    /** @param heapKiB live heap empty, with the reservations, and with the players too */
    public record Result(int reservations, int players, String jvmOptions, long[] heapKiB) {

        public double bytesPerReservation() {
            return (heapKiB[1] - heapKiB[0]) * 1024.0 / reservations;
        }

        public double bytesPerPlayer() {
            return (heapKiB[2] - heapKiB[1]) * 1024.0 / players;
        }
    }

    private final int reservations;
    private final int players;

    public CapacityBenchmark(int reservations, int players) {
        this.reservations = reservations;
        this.players = players;
    }

    public static CapacityBenchmark fromSystemProperties() {
        return new CapacityBenchmark(Integer.getInteger("bench.capacity.reservations", 100_000),
                Integer.getInteger("bench.capacity.players", 9_000));
    }

    public Result run(Path directory) throws Exception {
        List<String> jvm = new ArrayList<>(List.of(HEAP_LIMIT));
        jvm.addAll(GateServers.IMAGE_JVM_OPTIONS);
        long[] heap = new long[3];
        ServerProcess.Started echo = ServerProcess.start("capacity echo server",
                ServerProcess.java(EchoServer.class.getName()), directory, GateServers.READY);
        try (ServerProcess echoProcess = echo.process()) {
            int echoPort = echo.port(1);
            ServerProcess.Started sidecar = ServerProcess.start("capacity sidecar", ServerProcess.java(jvm,
                    GateServers.SIDECAR, "--upstream", "127.0.0.1:" + echoPort, "--player-port", "0",
                    "--control-port", "0", "--reservation-timeout", "30m",
                    "--max-connections", Integer.toString(players + 100),
                    GateServers.HANDSHAKE_RATE_FLAG, "1000000"), directory, GateServers.SIDECAR_READY);
            try (ServerProcess agent = sidecar.process();
                    LoadClient crowd = new LoadClient(2, (players + PLAYERS_PER_ADDRESS - 1) / PLAYERS_PER_ADDRESS)) {
                heap[0] = liveHeapKiB(agent);
                List<String> ids = new Reservations(sidecar.port(2)).reserve(reservations + players);
                heap[1] = liveHeapKiB(agent);
                Progress.say("capacity: %,d reservations, live heap %,d KiB", ids.size(), heap[1]);
                try (IdleLoad.Held held = IdleLoad.open(crowd, new InetSocketAddress("127.0.0.1", sidecar.port(1)),
                        ids.subList(0, players), 64)) {
                    heap[2] = liveHeapKiB(agent);
                    Progress.say("capacity: %,d idle players, live heap %,d KiB", held.channels().size(), heap[2]);
                }
            }
        }
        // The players' own reservations are counted with the reservations, then used by the players.
        return new Result(reservations + players, players, String.join(" ", jvm), heap);
    }

    /** Live heap after two full collections, from the JVM's own account. */
    private static long liveHeapKiB(ServerProcess agent) throws IOException, InterruptedException {
        jcmd(agent, "GC.run");
        jcmd(agent, "GC.run");
        Matcher used = USED.matcher(jcmd(agent, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info gave no used size for " + agent.name());
        }
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(ServerProcess agent, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(JCMD, Long.toString(agent.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }
}
