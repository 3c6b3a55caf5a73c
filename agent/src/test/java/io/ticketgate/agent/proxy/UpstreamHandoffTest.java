package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtConnection;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sidecar's pipe over real loopback sockets: player, agent, and a fake game server. */
@Timeout(20)
class UpstreamHandoffTest {

    private FakeGameServer game;
    private SidecarAgent agent;

    @BeforeEach
    void start() throws Exception {
        game = FakeGameServer.start();
        agent = SidecarAgent.start(game.port());
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        game.close();
    }

    @Test
    void headerNamesThePlayerAndTheSession() throws Exception {
        PlayerSession session = agent.reserve("player-zoë", "{\"team\":\"雪\",\"elo\":1200}");
        try (TgtConnection player = agent.connect(session.playerSessionId());
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            FakeGameServer.ProxyHeader header = upstream.readProxyHeader();

            assertEquals(HAProxyCommand.PROXY, header.command());
            assertEquals(HAProxyProxiedProtocol.TCP4, header.protocol());
            assertEquals(player.socket().getLocalSocketAddress(), header.source());
            assertEquals(new InetSocketAddress("127.0.0.1", agent.runtime.playerPort()), header.destination());
            assertEquals(Map.of(
                    0xE0, session.playerSessionId(),
                    0xE1, "player-zoë",
                    0xE2, session.gameSessionId(),
                    0xE3, "{\"team\":\"雪\",\"elo\":1200}"), header.tlvs());
        }
    }

    @Test
    void headerHasNoPlayerDataTlvWhenTheSessionHasNone() throws Exception {
        PlayerSession session = agent.reserve("player-1", null);
        try (TgtConnection player = agent.connect(session.playerSessionId());
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());

            assertEquals(Map.of(0xE0, session.playerSessionId(), 0xE1, "player-1", 0xE2, session.gameSessionId()),
                    upstream.readProxyHeader().tlvs());
        }
    }

    @Test
    void bytesPipelinedWithTheConnectFollowTheHeaderInOrder() throws Exception {
        byte[] hello = pattern(3000);
        try (TgtConnection player = agent.connect(agent.reserve("player-1"), hello);
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            upstream.readProxyHeader();
            assertArrayEquals(hello, upstream.readBytes(hello.length));

            player.output().write(ascii("after"));
            assertArrayEquals(ascii("after"), upstream.readBytes(5));
            upstream.write(ascii("welcome"));
            assertArrayEquals(ascii("welcome"), player.input().readNBytes(7));
        }
    }

    @Test
    void aMebibyteEachWayArrivesIntact() throws Exception {
        byte[] fromPlayer = pattern(1024 * 1024);
        byte[] fromGame = pattern(1024 * 1024 + 1);
        try (TgtConnection player = agent.connect(agent.reserve("player-1"));
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            upstream.readProxyHeader();

            CompletableFuture<byte[]> gameReceived = CompletableFuture.supplyAsync(() -> sha256(upstream.input(),
                    fromPlayer.length));
            CompletableFuture<byte[]> playerReceived = CompletableFuture.supplyAsync(() -> sha256(uncheck(player),
                    fromGame.length));
            CompletableFuture<Void> gameSent = CompletableFuture.runAsync(() -> writeAll(uncheckOut(upstream), fromGame));
            writeAll(player.output(), fromPlayer);
            gameSent.get();

            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(fromPlayer), gameReceived.get());
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(fromGame), playerReceived.get());
        }
    }

    @Test
    void upstreamDownRefusesWithUpstreamUnavailableAndARetryGetsIn() throws Exception {
        int port = FakeGameServer.freePort();
        try (SidecarAgent sidecar = SidecarAgent.start(port)) {
            String playerSessionId = sidecar.reserve("player-1");
            try (TgtConnection refused = sidecar.connect(playerSessionId)) {
                assertEquals(ResultCode.UPSTREAM_UNAVAILABLE, refused.code());
                assertEquals(11, refused.code().wireValue());
            }
            assertEquals(PlayerSessionStatus.RESERVED, sidecar.status(playerSessionId));

            try (FakeGameServer lateGame = FakeGameServer.start(port, 0);
                    TgtConnection player = sidecar.connect(playerSessionId);
                    FakeGameServer.Connection upstream = lateGame.accept()) {
                assertEquals(ResultCode.ACCEPTED, player.code());
                assertEquals(playerSessionId, upstream.readProxyHeader().tlvs().get(0xE0));
                assertEquals(PlayerSessionStatus.ACTIVE, sidecar.status(playerSessionId));
            }
        }
    }

    @Test
    void withoutAPreludeTheGameServerSeesOnlyThePlayersBytes() throws Exception {
        try (FakeGameServer bare = FakeGameServer.start();
                SidecarAgent sidecar = SidecarAgent.start(bare.port(), UpstreamPrelude.NONE);
                TgtConnection player = sidecar.connect(sidecar.reserve("player-1"), ascii("hello|"));
                FakeGameServer.Connection upstream = bare.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            player.output().write(ascii("bye"));
            player.socket().shutdownOutput();

            assertArrayEquals(ascii("hello|bye"), upstream.readToEnd());
        }
    }

    @Test
    void upstreamClosingEndsThePlayersConnectionAndSession() throws Exception {
        String playerSessionId = agent.reserve("player-1");
        try (TgtConnection player = agent.connect(playerSessionId);
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            upstream.readProxyHeader();
            upstream.write(ascii("game over"));
            upstream.hangUp();

            assertArrayEquals(ascii("game over"), player.input().readAllBytes(), "then EOF");
            agent.awaitStatus(playerSessionId, PlayerSessionStatus.COMPLETED);
        }
    }

    @Test
    void playerClosingClosesTheUpstreamAfterItsLastBytes() throws Exception {
        String playerSessionId = agent.reserve("player-1");
        try (FakeGameServer.Connection upstream = connectAndAccept(playerSessionId, ascii("last words"))) {
            assertArrayEquals(ascii("last words"), upstream.readToEnd(), "then EOF");
            // A player's close looks like a half-close to the agent: the game server ends it.
            upstream.hangUp();
            agent.awaitStatus(playerSessionId, PlayerSessionStatus.COMPLETED);
        }
    }

    @Test
    void playerHalfCloseLetsTheGameServerStillReply() throws Exception {
        try (TgtConnection player = agent.connect(agent.reserve("player-1"));
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            upstream.readProxyHeader();
            player.output().write(ascii("question"));
            player.socket().shutdownOutput();

            assertArrayEquals(ascii("question"), upstream.readToEnd(), "then EOF");
            upstream.write(ascii("answer"));
            upstream.hangUp();
            assertArrayEquals(ascii("answer"), player.input().readAllBytes(), "then EOF");
        }
    }

    /** Connects a player who sends {@code lastBytes} and closes; returns the game server's side. */
    private FakeGameServer.Connection connectAndAccept(String playerSessionId, byte[] lastBytes) throws Exception {
        try (TgtConnection player = agent.connect(playerSessionId)) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            FakeGameServer.Connection upstream = game.accept();
            upstream.readProxyHeader();
            player.output().write(lastBytes);
            return upstream;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes that reveal any loss, duplication or reordering. */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(InputStream input, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[16 * 1024];
            int remaining = length;
            while (remaining > 0) {
                int read = input.read(chunk, 0, Math.min(chunk.length, remaining));
                if (read < 0) {
                    throw new AssertionError("EOF with " + remaining + " bytes to go");
                }
                digest.update(chunk, 0, read);
                remaining -= read;
            }
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeAll(OutputStream output, byte[] bytes) {
        try {
            for (int offset = 0; offset < bytes.length; offset += 8192) {
                output.write(bytes, offset, Math.min(8192, bytes.length - offset));
            }
            output.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream uncheck(TgtConnection player) {
        try {
            return player.input();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutputStream uncheckOut(FakeGameServer.Connection upstream) {
        try {
            return upstream.output();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
