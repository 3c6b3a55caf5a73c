package io.ticketgate.agent.player;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.concurrent.atomic.AtomicInteger;

/** Sets up each player connection: the handshake timeout, the bounded decoder, the handshake. */
final class PlayerServerInitializer extends ChannelInitializer<SocketChannel> {

    private static final ResultFrame AT_LIMIT = new ResultFrame(ResultCode.BUSY, "the agent is at its connection limit");

    private final PlayerFrontEnd frontEnd;
    private final int maxConnections;
    private final AtomicInteger openConnections = new AtomicInteger();

    PlayerServerInitializer(PlayerFrontEnd frontEnd, int maxConnections) {
        this.frontEnd = frontEnd;
        this.maxConnections = maxConnections;
    }

    int openConnections() {
        return openConnections.get();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (openConnections.incrementAndGet() > maxConnections) {
            openConnections.decrementAndGet();
            pipeline.addLast(PlayerPipeline.REFUSE, new RefuseHandler(AT_LIMIT));
            return;
        }
        channel.closeFuture().addListener(future -> openConnections.decrementAndGet());
        pipeline.addLast(PlayerPipeline.HANDSHAKE_TIMEOUT, new HandshakeTimeoutHandler(frontEnd.handshakeTimeoutNanos()));
        pipeline.addLast(PlayerPipeline.HANDSHAKE_DECODER, new HandshakeDecoder());
        pipeline.addLast(PlayerPipeline.HANDSHAKE, new HandshakeHandler(frontEnd));
    }
}
