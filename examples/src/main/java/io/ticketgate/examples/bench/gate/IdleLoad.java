package io.ticketgate.examples.bench.gate;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens many player connections, a fixed number at a time (closed loop), and keeps them open
 * and silent: how fast a path takes a crowd of players (a server restart, thousands
 * reconnecting) and what each idle one costs it.
 */
final class IdleLoad {

    private static final long TIMEOUT_SECONDS = 180;

    /** The connections held open, and how long opening them all took. */
    record Held(List<Channel> channels, long elapsedNanos) implements AutoCloseable {

        double openedPerSecond() {
            return channels.size() / (elapsedNanos / 1e9);
        }

        @Override
        public void close() {
            channels.forEach(Channel::close);
            for (Channel channel : channels) {
                channel.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
        }
    }

    private IdleLoad() {
    }

    /**
     * @param ids one reserved id per connection, or null entries where the path has no handshake
     * @throws IllegalStateException naming the first connection that failed to open
     */
    static Held open(LoadClient client, InetSocketAddress target, List<String> ids, int atOnce)
            throws Exception {
        Queue<Channel> open = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<?>[] openers = new CompletableFuture<?>[atOnce];
        long start = System.nanoTime();
        for (int i = 0; i < atOnce; i++) {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            openers[i] = finished;
            openNext(client, target, ids, next, open, failure, finished);
        }
        CompletableFuture.allOf(openers).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        Held held = new Held(List.copyOf(open), elapsed);
        if (failure.get() != null) {
            held.close();
            throw new IllegalStateException(held.channels().size() + " of " + ids.size() + " connections to " + target
                    + " opened; the first failure: " + failure.get(), failure.get());
        }
        return held;
    }

    private static void openNext(LoadClient client, InetSocketAddress target, List<String> ids, AtomicInteger next,
            Queue<Channel> open, AtomicReference<Throwable> failure, CompletableFuture<Void> finished) {
        int index = next.getAndIncrement();
        if (index >= ids.size() || failure.get() != null) {
            finished.complete(null);
            return;
        }
        Opener.open(client, target, index, ids.get(index)).whenComplete((channel, cause) -> {
            if (cause != null) {
                failure.compareAndSet(null, cause);
            } else {
                open.add(channel);
            }
            openNext(client, target, ids, next, open, failure, finished);
        });
    }
}
