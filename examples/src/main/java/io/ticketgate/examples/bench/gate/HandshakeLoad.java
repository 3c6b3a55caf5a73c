package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.ticketgate.examples.bench.Latencies;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop players that each connect, send CONNECT, read the RESULT and close, then start
 * again with the next id, until every id is used once. A handshake's latency runs from the
 * connect call to the whole RESULT.
 */
final class HandshakeLoad {

    private static final long TIMEOUT_SECONDS = 120;

    /** What one run measured. */
    record Result(long accepted, long failed, String firstFailure, long elapsedNanos, Latencies latencies) {

        double rate() {
            return accepted / (elapsedNanos / 1e9);
        }
    }

    private final LoadClient client;
    private final int players;

    HandshakeLoad(LoadClient client, int players) {
        this.client = client;
        this.players = players;
    }

    Result run(InetSocketAddress target, List<String> ids) throws InterruptedException {
        Queue<String> unused = new ConcurrentLinkedQueue<>(ids);
        CountDownLatch finished = new CountDownLatch(players);
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Player> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < players; i++) {
            Player player = new Player(target, i, unused, finished, firstFailure);
            all.add(player);
            player.next();
        }
        if (!finished.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("handshakes to " + target + " did not finish within " + TIMEOUT_SECONDS
                    + " s; " + unused.size() + " ids unused");
        }
        long elapsed = System.nanoTime() - start;
        Latencies latencies = new Latencies();
        long accepted = 0;
        long failed = 0;
        for (Player player : all) {
            latencies.addAll(player.latencies);
            accepted += player.accepted;
            failed += player.failed;
        }
        return new Result(accepted, failed, firstFailure.get(), elapsed, latencies);
    }

    /** One closed-loop player: one connection at a time. */
    private final class Player {

        private final InetSocketAddress target;
        private final int source;
        private final Queue<String> unused;
        private final CountDownLatch finished;
        private final AtomicReference<String> firstFailure;
        private final Latencies latencies = new Latencies();
        private long accepted;
        private long failed;

        Player(InetSocketAddress target, int source, Queue<String> unused, CountDownLatch finished,
                AtomicReference<String> firstFailure) {
            this.target = target;
            this.source = source;
            this.unused = unused;
            this.finished = finished;
            this.firstFailure = firstFailure;
        }

        void next() {
            String id = unused.poll();
            if (id == null) {
                finished.countDown();
                return;
            }
            ByteBuf connect = Unpooled.wrappedBuffer(new ConnectFrame(id).toBytes());
            long start = System.nanoTime();
            Handshake handshake = new Handshake(this, connect, start);
            ChannelFuture connecting = client.connect(target, source, handshake);
            connecting.addListener(done -> {
                if (!done.isSuccess()) {
                    connect.release();
                    fail("connect: " + done.cause());
                    next();
                    return;
                }
                connecting.channel().closeFuture().addListener(closed -> {
                    if (!handshake.answered) {
                        fail(handshake.failure != null ? handshake.failure : "closed before a whole RESULT");
                    }
                    next();
                });
            });
        }

        void fail(String why) {
            failed++;
            firstFailure.compareAndSet(null, why);
        }
    }

    /** One connection's handshake. */
    private static final class Handshake extends ChannelInboundHandlerAdapter {

        private final Player player;
        private final ByteBuf connect;
        private final long start;
        private final ResultReader reader = new ResultReader();
        private boolean answered;
        private String failure;

        Handshake(Player player, ByteBuf connect, long start) {
            this.player = player;
            this.connect = connect;
            this.start = start;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(connect, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ResultFrame result = reader.add((ByteBuf) msg);
            if (result != null && !answered) {
                answered = true;
                if (result.code() == ResultCode.ACCEPTED) {
                    player.latencies.add(System.nanoTime() - start);
                    player.accepted++;
                } else {
                    player.fail(result.code() + " " + result.detail());
                }
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure = failure != null ? failure : cause.toString();
            ctx.close();
        }
    }
}
