package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the attack tests share: hostile connections from chosen loopback addresses (all of 127/8
 * is loopback on Linux, so each test's attackers and its legitimate player come from addresses
 * of their own), the legitimate player who must still get in within 3 s, and the checks of the
 * agent's health afterwards.
 */
public final class Attackers implements AutoCloseable {

    /** How long a legitimate player or control call may take while the agent is under attack. */
    public static final Duration SERVED_WITHIN = Duration.ofSeconds(3);
    /** Heap the agent may keep once an attack is over: no per-attacker state outlives it. */
    public static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;
    /** The legitimate player's own address: no attacker uses it. */
    static final String PLAYER_ADDRESS = "127.0.0.2";

    private final List<Socket> sockets = new ArrayList<>();

    public Attackers() {
        // Opens nothing until asked; closing closes what it opened.
    }

    /** Opens a connection from {@code sourceAddress}; closed with this object. */
    public Socket open(String sourceAddress, InetSocketAddress target) throws IOException {
        Socket socket = connect(sourceAddress, target);
        synchronized (sockets) {
            sockets.add(socket);
        }
        return socket;
    }

    /** Returns how many of the opened connections the agent has closed: their reads end. */
    public int closedByAgent() throws IOException {
        int closed = 0;
        synchronized (sockets) {
            for (Socket socket : sockets) {
                socket.setSoTimeout(1);
                try {
                    InputStream in = socket.getInputStream();
                    while (in.available() > 0) {
                        in.skip(in.available());
                    }
                    if (in.read() < 0) {
                        closed++;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // The agent still holds this one.
                } catch (IOException reset) {
                    closed++;
                }
            }
        }
        return closed;
    }

    int opened() {
        synchronized (sockets) {
            return sockets.size();
        }
    }

    static Socket connect(String sourceAddress, InetSocketAddress target) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(sourceAddress, 0));
            socket.connect(target, (int) SERVED_WITHIN.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects from {@code sourceAddress}, sends a CONNECT for {@code id}, and returns the RESULT's code. */
    static ResultCode resultOfConnect(String sourceAddress, TicketgateAgent agent, String id) throws IOException {
        try (Socket socket = connect(sourceAddress, agent.playerAddress())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(new ConnectFrame(id).toBytes());
            return ResultFrame.read(socket.getInputStream()).code();
        }
    }

    /**
     * Reserves a slot and connects a legitimate player from its own address: it must be ACCEPTED
     * within {@link #SERVED_WITHIN}. Returns the connection, still open.
     */
    static Socket legitimatePlayerGetsIn(TicketgateAgent agent, String gameSessionId) throws IOException {
        return legitimatePlayerGetsIn(agent, gameSessionId, PLAYER_ADDRESS);
    }

    /** The same, from {@code sourceAddress}: a player who comes back often needs several. */
    static Socket legitimatePlayerGetsIn(TicketgateAgent agent, String gameSessionId, String sourceAddress)
            throws IOException {
        String id = agent.reservePlayerSession(gameSessionId, "legit-" + System.nanoTime(), null).playerSessionId();
        long start = System.nanoTime();
        Socket socket = connect(sourceAddress, agent.playerAddress());
        try {
            socket.setSoTimeout((int) SERVED_WITHIN.toMillis());
            socket.getOutputStream().write(new ConnectFrame(id).toBytes());
            ResultFrame result = ResultFrame.read(socket.getInputStream());
            assertEquals(ResultCode.ACCEPTED, result.code(), "the legitimate player: " + result);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(SERVED_WITHIN) <= 0, "the legitimate player waited " + took);
            assertEquals(PlayerSessionStatus.ACTIVE, agent.playerSession(id).orElseThrow().status());
            return socket;
        } catch (IOException | RuntimeException | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    /** GETs a path of the control API, within the time a control call is allowed. */
    static HttpResponse<String> get(TicketgateAgent agent, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(SERVED_WITHIN).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.controlPort() + path))
                .timeout(SERVED_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The agent answers /healthz, its gauge of open player connections falls to {@code open}, and
     * the heap in use has grown by less than {@link #HEAP_GROWTH_BOUND} since {@code heapBefore}.
     */
    static void healthyWith(TicketgateAgent agent, int open, long heapBefore) throws Exception {
        assertEquals(200, get(agent, "/healthz").statusCode());
        awaitTrue(() -> openPlayerConnections(agent) == open, Duration.ofSeconds(20),
                "open player connections fall to " + open);
        long growth = usedHeapAfterGc() - heapBefore;
        assertTrue(growth < HEAP_GROWTH_BOUND, "the heap grew by " + growth / 1024 + " KiB");
    }

    static int openPlayerConnections(TicketgateAgent agent) {
        return gauge(agent, "ticketgate_player_connections");
    }

    /** Returns a gauge's value from /metrics, or -1 if it cannot be read. */
    static int gauge(TicketgateAgent agent, String name) {
        try {
            for (String line : get(agent, "/metrics").body().split("\n")) {
                if (line.startsWith(name + " ")) {
                    return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
                }
            }
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    /** Bytes of heap in use after a collection. */
    public static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Waits, polling, until {@code condition} holds; fails after {@code bound}. */
    public static void awaitTrue(BooleanSupplier condition, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within " + bound + ": " + what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        synchronized (sockets) {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing is all that is left to do.
                }
            }
            sockets.clear();
        }
    }
}
