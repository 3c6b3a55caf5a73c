package io.ticketgate.agent.player;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.player.AddressLimits.Limit;
import io.ticketgate.agent.tls.ReloadingTlsContext;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sets up each player connection: TLS if on (first, so every byte after it is inside TLS), then
 * the limits (a connection over one is answered BUSY at once, its CONNECT never read, so no
 * reservation is touched), then the handshake timeout, the bounded decoder, the handshake.
 */
final class PlayerServerInitializer extends ChannelInitializer<SocketChannel> {

    private static final Map<Limit, ResultFrame> OVER_LIMIT = new EnumMap<>(Map.of(
            Limit.CONNECTIONS, new ResultFrame(ResultCode.BUSY, "the agent is at its connection limit"),
            Limit.CONNECTIONS_PER_ADDRESS, new ResultFrame(ResultCode.BUSY,
                    "too many connections from your address"),
            Limit.HANDSHAKE_RATE, new ResultFrame(ResultCode.BUSY,
                    "too many new connections from your address; retry shortly"),
            Limit.PENDING_HANDSHAKES, new ResultFrame(ResultCode.BUSY,
                    "too many handshakes in progress; retry shortly")));

    private final PlayerFrontEnd frontEnd;
    private final int maxConnections;
    private final int maxPendingHandshakes;
    private final AddressLimits addressLimits;
    /** Null for plaintext. */
    private final ReloadingTlsContext tls;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger pendingHandshakes = new AtomicInteger();

    PlayerServerInitializer(PlayerFrontEnd frontEnd, int maxConnections, PlayerLimits limits,
            ReloadingTlsContext tls) {
        this.frontEnd = frontEnd;
        this.maxConnections = maxConnections;
        this.maxPendingHandshakes = limits.maxPendingHandshakes();
        this.addressLimits = new AddressLimits(limits, frontEnd.clock().ticker());
        this.tls = tls;
    }

    int openConnections() {
        return openConnections.get();
    }

    int pendingHandshakes() {
        return pendingHandshakes.get();
    }

    AddressLimits addressLimits() {
        return addressLimits;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // First, so every byte after it is TGT/1 inside TLS, and even a BUSY goes out encrypted.
            pipeline.addLast(PlayerPipeline.TLS, tls.newHandler(channel.alloc()));
        }
        Limit over = count(channel);
        if (over != null) {
            frontEnd.observer().refusedAtLimit(over.tag());
            pipeline.addLast(PlayerPipeline.REFUSE, new RefuseHandler(OVER_LIMIT.get(over)));
            return;
        }
        // The timeout handler lives exactly as long as the handshake: removed when the CONNECT is
        // in, when a refusal is sent, or when the connection closes.
        pipeline.addLast(PlayerPipeline.HANDSHAKE_TIMEOUT, new HandshakeTimeoutHandler(
                frontEnd.handshakeTimeoutNanos(), pendingHandshakes::decrementAndGet));
        pipeline.addLast(PlayerPipeline.HANDSHAKE_DECODER, new HandshakeDecoder());
        pipeline.addLast(PlayerPipeline.HANDSHAKE, new HandshakeHandler(frontEnd));
    }

    /** Counts the connection against every limit; returns the first it is over (counting nothing), or null. */
    private Limit count(SocketChannel channel) {
        if (openConnections.incrementAndGet() > maxConnections) {
            openConnections.decrementAndGet();
            return Limit.CONNECTIONS;
        }
        InetAddress address = channel.remoteAddress().getAddress();
        Limit perAddress = addressLimits.admit(address);
        if (perAddress != null) {
            openConnections.decrementAndGet();
            return perAddress;
        }
        if (pendingHandshakes.incrementAndGet() > maxPendingHandshakes) {
            pendingHandshakes.decrementAndGet();
            addressLimits.release(address);
            openConnections.decrementAndGet();
            return Limit.PENDING_HANDSHAKES;
        }
        channel.closeFuture().addListener(future -> {
            openConnections.decrementAndGet();
            addressLimits.release(address);
        });
        return null;
    }
}
