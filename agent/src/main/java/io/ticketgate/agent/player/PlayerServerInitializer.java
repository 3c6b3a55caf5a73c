package io.ticketgate.agent.player;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.ticketgate.agent.tls.ReloadingTlsContext;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.concurrent.atomic.AtomicInteger;

/** Sets up each player connection: TLS if on, the handshake timeout, the bounded decoder, the handshake. */
final class PlayerServerInitializer extends ChannelInitializer<SocketChannel> {

    private static final ResultFrame AT_LIMIT = new ResultFrame(ResultCode.BUSY, "the agent is at its connection limit");

    private final PlayerFrontEnd frontEnd;
    private final int maxConnections;
    /** Null for plaintext. */
    private final ReloadingTlsContext tls;
    private final AtomicInteger openConnections = new AtomicInteger();

    PlayerServerInitializer(PlayerFrontEnd frontEnd, int maxConnections, ReloadingTlsContext tls) {
        this.frontEnd = frontEnd;
        this.maxConnections = maxConnections;
        this.tls = tls;
    }

    int openConnections() {
        return openConnections.get();
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // First, so every byte after it is TGT/1 inside TLS, and even a BUSY goes out encrypted.
            pipeline.addLast(PlayerPipeline.TLS, tls.newHandler(channel.alloc()));
        }
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
