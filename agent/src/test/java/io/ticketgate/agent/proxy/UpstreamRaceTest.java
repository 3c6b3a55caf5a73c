package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.agent.Attackers;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CONNECTs racing for one player session id in sidecar mode: one is ACCEPTED, the others lose
 * before the agent connects to the game server for them, so the game server sees exactly one
 * connection per admitted player.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UpstreamRaceTest {

    private static final int ROUNDS = 25;
    private static final int RIVALS = 8;

    @Test
    void racingConnectsOpenOneUpstreamConnectionPerAdmission() throws Exception {
        AtomicInteger upstreamConnections = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ServerSocket game = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
                SidecarAgent agent = SidecarAgent.start(game.getLocalPort(), UpstreamPrelude.NONE)) {
            threads.submit(() -> {
                while (!game.isClosed()) {
                    Socket connection = game.accept();
                    upstreamConnections.incrementAndGet();
                    synchronized (held) {
                        held.add(connection);
                    }
                }
                return null;
            });
            String room = agent.runtime.store().createGameSession(CreateGameSessionRequest.builder(ROUNDS).build())
                    .gameSessionId();
            for (int round = 0; round < ROUNDS; round++) {
                String id = agent.runtime.store().reservePlayerSession(room, "player-" + round, null)
                        .playerSessionId();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<TgtConnection>> rivals = new ArrayList<>();
                for (int i = 0; i < RIVALS; i++) {
                    rivals.add(threads.submit(() -> {
                        start.await();
                        return agent.connect(id);
                    }));
                }
                start.countDown();
                Map<ResultCode, Integer> codes = new EnumMap<>(ResultCode.class);
                for (Future<TgtConnection> rival : rivals) {
                    try (TgtConnection connection = rival.get()) {
                        codes.merge(connection.code(), 1, Integer::sum);
                    }
                }
                assertEquals(Map.of(ResultCode.ACCEPTED, 1, ResultCode.SESSION_ALREADY_ACTIVE, RIVALS - 1), codes,
                        "round " + round);
                int admitted = round + 1;
                // The game server's accept loop may lag the kernel's; a loser's connection would
                // show as one too many here or in the next round.
                Attackers.awaitTrue(() -> upstreamConnections.get() >= admitted, Duration.ofSeconds(10),
                        "the winner's upstream connection");
                assertEquals(admitted, upstreamConnections.get(), "upstream connections after round " + round);
            }
        } finally {
            threads.shutdownNow();
            synchronized (held) {
                for (Socket socket : held) {
                    closeQuietly(socket);
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Only closing was left to do.
        }
    }
}
