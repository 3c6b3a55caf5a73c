package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes around the hand-off: what the player pipelines after CONNECT reaches the game whole and
 * in order, and what the game writes before its answer reaches the player only after ACCEPTED.
 */
@Timeout(10)
class GameBytesTest {

    /** Netty's default adaptive receive buffer never reads more than this at once. */
    private static final int LARGEST_READ = 64 * 1024;

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;
    private String playerSessionId;
    private byte[] connect;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game);
        playerSessionId = gate.reserve("player-1");
        connect = new ConnectFrame(playerSessionId).toBytes();
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void bytesPipelinedWithTheConnectReachTheGameInOrder() throws Exception {
        game.admitting((session, connection) -> {
            connection.pipeline().addLast(new Echo());
            return Admission.accepted();
        });
        byte[] payload = pattern(64 * 1024);
        try (PlayerSocket player = gate.open()) {
            player.send(connect, payload);

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
            assertArrayEquals(payload, player.readBytes(payload.length));
        }
    }

    @Test
    void bytesSentWhileTheGameDecidesReachItInOrder() throws Exception {
        CompletableFuture<Admission> admission = new CompletableFuture<>();
        Collector collector = new Collector(96 * 1024);
        game.admitting((session, connection) -> {
            connection.pipeline().addLast(collector);
            return admission;
        });
        byte[] payload = pattern(collector.expected);
        try (PlayerSocket player = gate.open()) {
            player.send(connect, Arrays.copyOfRange(payload, 0, 32 * 1024));
            next(game.accepted);
            player.send(Arrays.copyOfRange(payload, 32 * 1024, 64 * 1024));
            CompletableFuture.runAsync(() -> admission.complete(Admission.accept()));

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
            player.send(Arrays.copyOfRange(payload, 64 * 1024, payload.length));
            assertArrayEquals(payload, collector.await());
        }
    }

    @Test
    void gameWritesBeforeItsAnswerFollowTheResult() throws Exception {
        CompletableFuture<Admission> admission = new CompletableFuture<>();
        CountDownLatch written = new CountDownLatch(1);
        CompletableFuture<ChannelFuture> earlyWrite = new CompletableFuture<>();
        game.admitting((session, connection) -> {
            connection.pipeline().addLast(new Echo());
            earlyWrite.complete(connection.channel().writeAndFlush(ascii("welcome|")));
            written.countDown();
            return admission;
        });
        try (PlayerSocket player = gate.open()) {
            player.send(connect, "ping|".getBytes(StandardCharsets.US_ASCII));
            written.await();
            // The write is queued on the event loop ahead of the answer: it must be held, not sent.
            admission.complete(Admission.accept());

            assertEquals(ResultFrame.of(ResultCode.ACCEPTED), player.readResult());
            assertEquals("welcome|ping|", new String(player.readBytes(13), StandardCharsets.US_ASCII));
            assertTrue(earlyWrite.get().await(5, TimeUnit.SECONDS));
            assertTrue(earlyWrite.get().isSuccess());
        }
    }

    @Test
    void gameWritesBeforeAVetoNeverReachThePlayer() throws Exception {
        CompletableFuture<ChannelFuture> earlyWrite = new CompletableFuture<>();
        game.admitting((session, connection) -> {
            earlyWrite.complete(connection.channel().writeAndFlush(ascii("secret")));
            return Admission.rejected("not today");
        });
        try (PlayerSocket player = gate.open()) {
            player.send(connect);

            assertEquals(new ResultFrame(ResultCode.REJECTED_BY_GAME, "not today"), player.readResult());
            player.assertClosedByAgent();
        }
        assertTrue(earlyWrite.get().await(5, TimeUnit.SECONDS));
        assertFalse(earlyWrite.get().isSuccess(), "a held write of a vetoed player must fail");
    }

    @Test
    void playerFloodingDuringASlowAdmissionIsNotReadAhead() throws Exception {
        // While the game decides, the agent must stop reading: everything the player sends then
        // waits in the kernel, not in the agent. Had it kept reading, the bytes held for the game
        // would reach it in one buffer bigger than a single read.
        CompletableFuture<Admission> admission = new CompletableFuture<>();
        Collector collector = new Collector(256 * 1024);
        game.admitting((session, connection) -> {
            connection.pipeline().addLast(collector);
            return admission;
        });
        byte[] flood = pattern(collector.expected);
        try (PlayerSocket player = PlayerSocket.open(gate.agent.playerAddress(), 4 * 1024 * 1024)) {
            player.send(connect, flood);
            next(game.accepted);
            admission.complete(Admission.accept());

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
            assertArrayEquals(flood, collector.await());
            assertTrue(collector.largestRead() <= LARGEST_READ,
                    "the game got " + collector.largestRead() + " bytes at once: the agent read ahead");
        }
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** Bytes that reveal any loss, duplication or reordering. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** The game's echo. */
    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            ctx.writeAndFlush(msg.retain());
        }
    }

    /** The game's side: keeps every byte the player sends, and the size of each read. */
    private static final class Collector extends SimpleChannelInboundHandler<ByteBuf> {

        final int expected;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch complete = new CountDownLatch(1);
        private int largestRead;

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        protected synchronized void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            largestRead = Math.max(largestRead, msg.readableBytes());
            bytes.writeBytes(ByteBufUtil.getBytes(msg));
            if (bytes.size() >= expected) {
                complete.countDown();
            }
        }

        byte[] await() throws InterruptedException {
            assertTrue(complete.await(5, TimeUnit.SECONDS), "the game did not get every byte");
            synchronized (this) {
                return bytes.toByteArray();
            }
        }

        synchronized int largestRead() {
            return largestRead;
        }
    }
}
