package io.ticketgate.agent.player;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/** Epoll on Linux when its native library loads, NIO everywhere else. */
public enum Transport {
    EPOLL,
    NIO;

    /**
     * The receive-buffer sizing every player and upstream channel shares: each channel keeps its
     * own sizing state (its handle), but the policy is the same for all, and Netty would otherwise
     * build one per channel (64 bytes each, two channels per player).
     */
    public static final RecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();

    /** Returns the best transport this machine offers. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        IoHandlerFactory ioHandlers = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlers);
    }

    public Class<? extends ServerChannel> serverChannelType() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client channel, for connections the agent opens (the sidecar's upstream). */
    public Class<? extends SocketChannel> socketChannelType() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
