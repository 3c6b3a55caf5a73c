package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk streams on open player connections: each writes 64 KiB chunks as fast as the path takes
 * them, and the echo server sends everything back. Throughput is the bytes that came back in the
 * measured window (after a short ramp), so each byte crossed the path twice.
 */
final class StreamLoad {

    private static final ByteBuf CHUNK = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[64 * 1024]).asReadOnly());
    private static final long RAMP_MILLIS = 300;

    private StreamLoad() {
    }

    /** Streams on {@code channels} and returns the bytes echoed back per second. */
    static double run(List<Channel> channels, long seconds)
            throws InterruptedException {
        AtomicLong received = new AtomicLong();
        List<Pusher> pushers = new ArrayList<>();
        for (Channel channel : channels) {
            Pusher pusher = new Pusher(received);
            pushers.add(pusher);
            channel.pipeline().addFirst(pusher);
            channel.eventLoop().execute(() -> pusher.push(channel));
        }
        // A window of time is what this measures: there is nothing to wait for but the clock.
        Thread.sleep(RAMP_MILLIS);
        long before = received.get();
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long bytes = received.get() - before;
        long elapsed = System.nanoTime() - start;
        for (Pusher pusher : pushers) {
            pusher.stopped = true;
        }
        return bytes / (elapsed / 1e9);
    }

    private static final class Pusher extends ChannelInboundHandlerAdapter {

        private final AtomicLong received;
        private volatile boolean stopped;

        Pusher(AtomicLong received) {
            this.received = received;
        }

        void push(Channel channel) {
            while (!stopped && channel.isWritable()) {
                channel.write(CHUNK.duplicate(), channel.voidPromise());
            }
            channel.flush();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf chunk = (ByteBuf) msg;
            received.addAndGet(chunk.readableBytes());
            chunk.release();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            push(ctx.channel());
        }
    }
}
