package io.ticketgate.agent.control;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.player.Transport;
import io.ticketgate.agent.store.SessionStore;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The control API's HTTP server: GameLift's operations in AWS JSON 1.1 and Smithy RPC v2 CBOR,
 * plus health, readiness and metrics. It runs on an event loop of its own, so a slow describe
 * never delays a player's handshake.
 */
public final class ControlServer {

    private final InetSocketAddress bindAddress;
    private final ControlServerInitializer initializer;
    private final Transport transport = Transport.best();
    private EventLoopGroup group;
    private Channel serverChannel;

    public ControlServer(InetSocketAddress bindAddress, SessionStore store, ControlEndpoints endpoints,
            ControlRequestObserver observer) {
        this.bindAddress = bindAddress;
        this.initializer = new ControlServerInitializer(
                new ControlRequestHandler(new GameLiftOperations(store), endpoints, observer));
    }

    /**
     * Binds the control port and starts serving.
     *
     * @throws InterruptedException if interrupted while binding
     */
    public void start() throws InterruptedException {
        group = transport.newEventLoopGroup(1, new DefaultThreadFactory("ticketgate-control", true));
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannelType())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(bindAddress).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** Returns the address the control API listens on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public void shutdown() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
