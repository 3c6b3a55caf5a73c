package io.ticketgate.examples.bench.gate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * Runs one of the comparison's own servers as a process of its own: binds a free loopback port,
 * prints {@code ready on port N} (what {@link ServerProcess} waits for) and serves until killed.
 */
final class LoopbackServer {

    static final String READY = "ready on port ";

    private LoopbackServer() {
    }

    /** Each channel skips a PROXY v2 header if one comes, then goes on with {@code handler}'s. */
    static ChannelInitializer<SocketChannel> afterProxyHeader(Supplier<ChannelHandler> handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(new ProxyV2Skipper(), handler.get());
            }
        };
    }

    static void serve(ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        Channel server = bind(EventLoops.group(Runtime.getRuntime().availableProcessors()), initializer);
        System.out.println(READY + ((InetSocketAddress) server.localAddress()).getPort());
        System.out.flush();
        server.closeFuture().sync();
    }

    /** Binds a free port on 127.0.0.1 and serves there on {@code group}. */
    static Channel bind(EventLoopGroup group, ChannelInitializer<SocketChannel> initializer)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }
}
