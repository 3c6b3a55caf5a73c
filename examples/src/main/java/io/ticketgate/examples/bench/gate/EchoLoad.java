package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.ticketgate.examples.bench.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * 64-byte round trips on open player connections: each sends 64 bytes, waits for all 64 to
 * come back, and sends again, until the deadline. The round trip time runs from the write to the
 * last byte back.
 */
final class EchoLoad {

    static final int MESSAGE_BYTES = 64;
    private static final ByteBuf MESSAGE = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[MESSAGE_BYTES]).asReadOnly());

    /** What one run measured. */
    record Result(long roundTrips, long elapsedNanos, Latencies latencies) {

        double rate() {
            return roundTrips / (elapsedNanos / 1e9);
        }
    }

    private EchoLoad() {
    }

    static Result run(List<Channel> channels, long seconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Pinger> pingers = new ArrayList<>();
        for (Channel channel : channels) {
            Pinger pinger = new Pinger(deadline);
            pingers.add(pinger);
            channel.pipeline().addFirst(pinger);
            channel.eventLoop().execute(() -> pinger.send(channel));
        }
        long trips = 0;
        long last = deadline;
        Latencies latencies = new Latencies();
        for (Pinger pinger : pingers) {
            last = Math.max(last, pinger.done.get(seconds + 30, TimeUnit.SECONDS));
            trips += pinger.trips;
            latencies.addAll(pinger.latencies);
        }
        for (Channel channel : channels) {
            channel.pipeline().remove(Pinger.class);
        }
        return new Result(trips, last - start, latencies);
    }

    private static final class Pinger extends ChannelInboundHandlerAdapter {

        private final long deadline;
        private final Latencies latencies = new Latencies();
        /** Completes with the time of the last answer. */
        private final CompletableFuture<Long> done = new CompletableFuture<>();
        private long sentAt;
        private int received;
        private long trips;

        Pinger(long deadline) {
            this.deadline = deadline;
        }

        void send(Channel channel) {
            received = 0;
            sentAt = System.nanoTime();
            channel.writeAndFlush(MESSAGE.duplicate(), channel.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf chunk = (ByteBuf) msg;
            received += chunk.readableBytes();
            chunk.release();
            if (received < MESSAGE_BYTES) {
                return;
            }
            long now = System.nanoTime();
            latencies.add(now - sentAt);
            trips++;
            if (now < deadline) {
                send(ctx.channel());
            } else {
                done.complete(now);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.completeExceptionally(new IllegalStateException("an echo connection closed during the run"));
        }
    }
}
