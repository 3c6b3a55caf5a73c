package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A game server that resets connections mid-stream, 200 times, 50 at once: each of those players is
 * disconnected and its session COMPLETED, nothing of theirs is left open, and meanwhile a player
 * whose game server behaves is ACCEPTED within 3 s and piped both ways.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamResetAttackTest {

    private static final byte[] RESET = "RESET".getBytes(StandardCharsets.US_ASCII);

    @Test
    void upstreamResetsMidStreamEndOnlyTheirOwnPlayers() throws Exception {
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ServerSocket game = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
                SidecarAgent agent = SidecarAgent.start(game.getLocalPort(), UpstreamPrelude.NONE)) {
            threads.submit(() -> serveEchoOrReset(game, threads));
            String room = agent.runtime.store().createGameSession(CreateGameSessionRequest.builder(250).build())
                    .gameSessionId();
            List<String> doomed = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                doomed.add(agent.runtime.store().reservePlayerSession(room, "doomed-" + i, null).playerSessionId());
            }
            // 50 at a time: the test agent allows 100 player connections.
            ExecutorService players = Executors.newFixedThreadPool(50);
            List<Future<Integer>> ends = new ArrayList<>();
            for (String id : doomed) {
                ends.add(players.submit(() -> playUntilReset(agent, id)));
            }
            players.shutdown();
            String legit = agent.runtime.store().reservePlayerSession(room, "legit", null).playerSessionId();
            long start = System.nanoTime();
            try (TgtConnection player = agent.connect(legit)) {
                assertTrue(player.accepted(), player.toString());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() <= 3000, "accepted within 3 s");
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                player.output().write(hello);
                assertArrayEquals(hello, player.input().readNBytes(hello.length));
                for (Future<Integer> end : ends) {
                    assertEquals(-1, end.get(), "a reset upstream ends its player's stream");
                }
                for (String id : doomed) {
                    agent.awaitStatus(id, PlayerSessionStatus.COMPLETED);
                }
                assertEquals(PlayerSessionStatus.ACTIVE, agent.status(legit));
            }
            agent.awaitStatus(legit, PlayerSessionStatus.COMPLETED);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Connects, is accepted, asks the game server to reset, and returns what the next read gives. */
    private static int playUntilReset(SidecarAgent agent, String id) throws IOException {
        try (TgtConnection player = agent.connect(id)) {
            assertTrue(player.accepted(), player.toString());
            player.socket().setSoTimeout(20_000);
            player.output().write(RESET);
            try {
                return player.input().read();
            } catch (IOException reset) {
                return -1;
            }
        }
    }

    /** Echoes each connection's bytes back, but resets (RST) one that sends {@code RESET}. */
    private static Void serveEchoOrReset(ServerSocket game, ExecutorService threads) throws IOException {
        while (!game.isClosed()) {
            Socket connection = game.accept();
            threads.submit(() -> {
                try (connection) {
                    InputStream in = connection.getInputStream();
                    OutputStream out = connection.getOutputStream();
                    byte[] buffer = new byte[256];
                    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                        if (new String(buffer, 0, read, StandardCharsets.US_ASCII).contains("RESET")) {
                            connection.setSoLinger(true, 0);
                            return null;
                        }
                        out.write(buffer, 0, read);
                    }
                }
                return null;
            });
        }
        return null;
    }
}
