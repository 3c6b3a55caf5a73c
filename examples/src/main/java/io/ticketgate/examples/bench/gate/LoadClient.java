package io.ticketgate.examples.bench.gate;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The load generator's side of every connection: Netty clients in the bench JVM, each bound to
 * one of several loopback source addresses (127.0.0.2 and up) so that a per-address limit sees
 * each address's share of the players, as with real players behind their own addresses.
 */
final class LoadClient implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<InetSocketAddress> sources;

    LoadClient(int threads, int sourceAddresses) {
        this.group = EventLoops.group(threads);
        this.sources = IntStream.range(0, sourceAddresses)
                .mapToObj(i -> new InetSocketAddress("127.0.0." + (2 + i), 0)).toList();
    }

    int sourceAddresses() {
        return sources.size();
    }

    /** Connects from source address {@code source % sourceAddresses()} with {@code handler} in the pipeline. */
    ChannelFuture connect(InetSocketAddress target, int source, ChannelHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EventLoops.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(handler);
        if (EventLoops.epoll()) {
            // The port is then picked at connect time, per destination: binding port 0 first makes the
            // kernel search one address's ports past every TIME_WAIT, which becomes the bottleneck.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        return bootstrap.connect(target, sources.get(source % sources.size()));
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
