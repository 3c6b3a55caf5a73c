package io.ticketgate.agent.fleet;


import io.ticketgate.agent.RequiredTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free loopback port, without persistence, stopped by its
 * PID. Tests that need one are skipped where {@code redis-server} is not installed, except on CI,
 * which installs it.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one, or skips the calling test when redis-server is missing outside CI. */
    public static RedisServer start() throws IOException, InterruptedException {
        return start(freePort());
    }

    /** Starts one on {@code port}, for a test that stops Redis and starts it again where it was. */
    public static RedisServer start(int port) throws IOException, InterruptedException {
        return start(port, List.of(executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
    }

    /**
     * Starts a Sentinel (redis-server in sentinel mode) that watches {@code master} under the
     * name {@code masterName}.
     */
    public static RedisServer startSentinel(RedisServer master, String masterName)
            throws IOException, InterruptedException {
        int port = freePort();
        // Sentinel rewrites its configuration file: it must have one of its own, writable.
        Path config = Files.createTempFile("sentinel-", ".conf");
        Files.writeString(config, "port " + port + "\nbind 127.0.0.1\nsentinel monitor " + masterName
                + " 127.0.0.1 " + master.port() + " 1\n");
        return start(port, List.of(executable(), config.toString(), "--sentinel"));
    }

    /** Starts a node of a Redis Cluster (its cluster not made yet), keeping its files in {@code directory}. */
    static RedisServer startClusterNode(Path directory) throws IOException, InterruptedException {
        int port = freePort();
        return start(port, List.of(executable(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file",
                "nodes-" + port + ".conf", "--dir", directory.toString()));
    }

    private static RedisServer start(int port, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("redis-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServer server = new RedisServer(process, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!server.answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("redis-server did not start on port " + port + ": "
                        + Files.readString(log));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return server;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops it by its PID and waits until it has gone. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        RequiredTool.require(false,
                "redis-server is not installed in /usr/bin or /usr/local/bin (apt-get install redis-server)");
        throw new AssertionError("unreachable");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
