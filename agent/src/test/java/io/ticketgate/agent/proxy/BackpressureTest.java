package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reader that stops reading makes the agent stop reading the other side, so the bytes queue in
 * the kernels of the two ends, not in the agent.
 *
 * <p>How it is measured: the writer sends up to 64 MiB without blocking and, before each write,
 * samples the bytes the agent has queued for the stalled reader (the Netty outbound buffer of the
 * agent's channel to it, read on that channel's event loop). The flood ends when the writer's
 * socket has not become writable for {@link #QUIET_MILLIS}: the agent stopped reading. That wait
 * only decides when to stop sending; the assertions hold whenever it ends: the agent never queued
 * more than its high water mark plus {@link #READS_IN_FLIGHT} reads, and the stalled reader, once
 * it reads again, gets every byte that was sent, in order.
 */
@Timeout(60)
class BackpressureTest {

    private static final long FLOOD_LIMIT = 64L * 1024 * 1024;
    private static final int CHUNK = 256 * 1024;
    private static final long QUIET_MILLIS = 1_000;
    /** Netty's adaptive receive buffer reads at most 64 KiB at once. */
    private static final int LARGEST_READ = 64 * 1024;
    /** The relay's own read, plus one the front-end may start when it hands the channel over. */
    private static final int READS_IN_FLIGHT = 2;
    private static final long QUEUE_BOUND = UpstreamHandoff.WATER_MARK.high() + READS_IN_FLIGHT * LARGEST_READ;
    /** The stalled reader's receive buffer: small, so the agent feels the stall early. */
    private static final int SMALL_RECEIVE_BUFFER = 16 * 1024;

    private FakeGameServer game;
    private SidecarAgent agent;

    @BeforeEach
    void start() throws Exception {
        game = FakeGameServer.start(0, SMALL_RECEIVE_BUFFER);
        agent = SidecarAgent.start(game.port());
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        game.close();
    }

    @Test
    void aGameServerThatStopsReadingStopsTheAgentReadingThePlayer() throws Exception {
        try (SocketChannel player = connectPlayer(agent.reserve("player-1"));
                FakeGameServer.Connection upstream = game.accept()) {
            upstream.readProxyHeader();
            Channel toGame = UpstreamHandoff.upstreamOf(agent.nextAdmitted());

            Flood flood = Flood.untilStalled(player, () -> queued(toGame));

            assertTrue(flood.sent < FLOOD_LIMIT, "the agent took all " + flood.sent + " bytes");
            assertTrue(flood.maxQueued <= QUEUE_BOUND, "the agent queued " + flood.maxQueued + " bytes for the game");
            assertArrayEquals(flood.digest, sha256(upstream.input(), flood.sent));
        }
    }

    @Test
    void aPlayerThatStopsReadingStopsTheAgentReadingTheGameServer() throws Exception {
        try (SocketChannel player = connectPlayer(agent.reserve("player-1"));
                FakeGameServer.Connection upstream = game.accept()) {
            upstream.readProxyHeader();
            Channel toPlayer = agent.nextAdmitted();
            player.socket().setReceiveBufferSize(SMALL_RECEIVE_BUFFER);

            Flood flood = Flood.untilStalled(upstream.channel(), () -> queued(toPlayer));

            assertTrue(flood.sent < FLOOD_LIMIT, "the agent took all " + flood.sent + " bytes");
            assertTrue(flood.maxQueued <= QUEUE_BOUND, "the agent queued " + flood.maxQueued + " bytes for the player");
            player.configureBlocking(true);
            assertArrayEquals(flood.digest, sha256(Channels.newInputStream(player), flood.sent));
        }
    }

    /** Connects, sends CONNECT and reads ACCEPTED, leaving the channel blocking. */
    private SocketChannel connectPlayer(String playerSessionId) throws IOException {
        SocketChannel player = SocketChannel.open(new InetSocketAddress("127.0.0.1", agent.runtime.playerPort()));
        player.write(ByteBuffer.wrap(new ConnectFrame(playerSessionId).toBytes()));
        // ResultFrame.read takes exactly the RESULT, nothing after it.
        assertEquals(ResultCode.ACCEPTED, ResultFrame.read(Channels.newInputStream(player)).code());
        return player;
    }

    /** Bytes the agent holds for {@code channel}'s peer, read on the channel's event loop. */
    private static long queued(Channel channel) {
        try {
            return channel.eventLoop().submit(() -> {
                ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
                return buffer == null ? 0L : buffer.totalPendingWriteBytes();
            }).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(InputStream input, long length) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[64 * 1024];
        long remaining = length;
        while (remaining > 0) {
            int read = input.read(chunk, 0, (int) Math.min(chunk.length, remaining));
            if (read < 0) {
                throw new AssertionError("EOF with " + remaining + " bytes to go");
            }
            digest.update(chunk, 0, read);
            remaining -= read;
        }
        return digest.digest();
    }

    /** A writer that sends until the other end stops taking bytes. */
    private static final class Flood {
        long sent;
        long maxQueued;
        byte[] digest;

        static Flood untilStalled(SocketChannel out, LongSupplier agentQueued) throws Exception {
            Flood flood = new Flood();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = new byte[CHUNK];
            Random random = new Random(CHUNK);
            out.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                out.register(selector, SelectionKey.OP_WRITE);
                ByteBuffer chunk = ByteBuffer.allocate(0);
                while (flood.sent < FLOOD_LIMIT) {
                    flood.maxQueued = Math.max(flood.maxQueued, agentQueued.getAsLong());
                    if (!chunk.hasRemaining()) {
                        random.nextBytes(bytes);
                        chunk = ByteBuffer.wrap(bytes);
                    }
                    int position = chunk.position();
                    int written = out.write(chunk);
                    digest.update(bytes, position, written);
                    flood.sent += written;
                    if (written == 0) {
                        selector.selectedKeys().clear();
                        if (selector.select(QUIET_MILLIS) == 0) {
                            break;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            flood.maxQueued = Math.max(flood.maxQueued, agentQueued.getAsLong());
            out.configureBlocking(true);
            flood.digest = digest.digest();
            return flood;
        }
    }
}
