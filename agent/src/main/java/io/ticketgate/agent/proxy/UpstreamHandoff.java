package io.ticketgate.agent.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.util.AttributeKey;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.player.HandoffVerdict;
import io.ticketgate.agent.player.PlayerHandoff;
import io.ticketgate.agent.player.Transport;
import io.ticketgate.protocol.ResultCode;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sidecar mode: pipes each accepted player to the game server over a connection of its own,
 * opened before the session is claimed so an unreachable game server leaves the session
 * RESERVED. Unless the prelude is NONE, the game server first reads a PROXY v2 header naming the
 * player ({@link ProxyPreludeEncoder}); then bytes flow both ways unchanged ({@link RelayHandler}).
 *
 * <p>Everything runs on the player's event loop, which the upstream channel shares.
 */
public final class UpstreamHandoff implements PlayerHandoff {

    /**
     * Water marks of both ends of every pipe. Each end stops reading once the other end is over
     * the high mark, so at most the mark plus one read (up to 64 KiB) is queued per way.
     */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHandoff.class);
    private static final AttributeKey<Channel> UPSTREAM = AttributeKey.valueOf("ticketgate.upstream");
    /** Until admit() installs the relay, an upstream channel has no handlers and reads nothing. */
    private static final ChannelInitializer<Channel> NO_HANDLERS_UNTIL_ADMITTED = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {
        }
    };

    private final InetSocketAddress gameServer;
    private final UpstreamPrelude prelude;
    /** Null when headers go unsigned. */
    private final PreludeSigner signer;
    private final Bootstrap bootstrap;
    /** The bootstrap bound to each player event loop, made once per loop rather than per player. */
    private final Map<EventLoop, Bootstrap> perLoop = new ConcurrentHashMap<>();

    /**
     * Resolves the game server's host once, now.
     *
     * @param clock the agent's clock, which signed headers take their signing time from
     * @throws IllegalArgumentException if the host cannot be resolved
     */
    public UpstreamHandoff(UpstreamSettings settings, Clock clock) {
        this.gameServer = new InetSocketAddress(settings.host(), settings.port());
        if (gameServer.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the upstream host " + settings.host());
        }
        this.prelude = settings.prelude();
        this.signer = settings.secret() == null ? null : new PreludeSigner(settings.secret(), clock);
        this.bootstrap = new Bootstrap()
                .channel(Transport.best().socketChannelType())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, Transport.RECEIVE_BUFFERS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(NO_HANDLERS_UNTIL_ADMITTED);
    }

    @Override
    public boolean preparesBeforeClaim() {
        return true;
    }

    /** The upstream channel shares the player's event loop, and its listeners complete the stages there. */
    @Override
    public boolean completesOnEventLoop() {
        return true;
    }

    /** Connects to the game server: ACCEPTED once connected, UPSTREAM_UNAVAILABLE if it cannot be. */
    @Override
    public CompletionStage<HandoffVerdict> prepare(PlayerSession session, PlayerConnection connection) {
        Channel player = connection.channel();
        CompletableFuture<HandoffVerdict> ready = new CompletableFuture<>();
        ChannelFuture connected = perLoop.computeIfAbsent(player.eventLoop(), bootstrap::clone).connect(gameServer);
        // Kept at once, so abandon() can close a connection still being made.
        player.attr(UPSTREAM).set(connected.channel());
        connected.addListener((ChannelFutureListener) attempt -> {
            if (attempt.isSuccess()) {
                ready.complete(HandoffVerdict.ACCEPTED);
            } else {
                LOG.debug("cannot connect {} to the game server at {}", player, gameServer, attempt.cause());
                ready.complete(new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
                        attempt.cause() instanceof ConnectTimeoutException
                                ? "the game server did not accept a connection in time"
                                : "the game server refused the connection"));
            }
        });
        return ready;
    }

    @Override
    public void abandon(PlayerConnection connection) {
        Channel upstream = connection.channel().attr(UPSTREAM).getAndSet(null);
        if (upstream != null) {
            upstream.close();
        }
    }

    /**
     * Writes the prelude and joins the two channels; ACCEPTED once the prelude was written, so a
     * game server that hung up meanwhile gets the player refused with UPSTREAM_UNAVAILABLE.
     */
    @Override
    public CompletionStage<HandoffVerdict> admit(PlayerSession session, PlayerConnection connection) {
        Channel player = connection.channel();
        Channel upstream = player.attr(UPSTREAM).get();
        if (upstream == null || !upstream.isActive()) {
            return CompletableFuture.completedFuture(new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
                    "the game server closed the connection"));
        }
        player.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        player.config().setWriteBufferWaterMark(WATER_MARK);
        player.pipeline().addLast(UpstreamPipeline.RELAY_TO_UPSTREAM, new RelayHandler(upstream));
        upstream.pipeline().addLast(UpstreamPipeline.RELAY_TO_PLAYER, new RelayHandler(player));
        CompletableFuture<HandoffVerdict> verdict = new CompletableFuture<>();
        writePrelude(session, player, upstream).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess()) {
                verdict.complete(HandoffVerdict.ACCEPTED);
                // The game server's first bytes are held by the handshake until the RESULT is out.
                upstream.config().setAutoRead(true);
            } else {
                verdict.complete(new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
                        "the game server closed the connection"));
            }
        });
        return verdict;
    }

    private ChannelFuture writePrelude(PlayerSession session, Channel player, Channel upstream) {
        if (prelude == UpstreamPrelude.NONE) {
            return upstream.newSucceededFuture();
        }
        ChannelPipeline pipeline = upstream.pipeline();
        pipeline.addFirst(UpstreamPipeline.PRELUDE_ENCODER, HAProxyMessageEncoder.INSTANCE);
        try {
            // On the channel's own event loop the write passes the encoder before returning.
            return upstream.writeAndFlush(ProxyPreludeEncoder.encode(session,
                    (InetSocketAddress) player.remoteAddress(), (InetSocketAddress) player.localAddress(), signer));
        } finally {
            pipeline.remove(UpstreamPipeline.PRELUDE_ENCODER);
        }
    }

    /**
     * The player left, or was refused after all: closes the upstream once what the player sent
     * is flushed. A refused player's channel stays open to send its RESULT, so it is unhooked.
     */
    @Override
    public void disconnected(PlayerSession session, DisconnectReason reason, PlayerConnection connection) {
        Channel player = connection.channel();
        Channel upstream = player.attr(UPSTREAM).getAndSet(null);
        if (upstream == null) {
            return;
        }
        if (player.isActive()) {
            removeIfPresent(player.pipeline(), UpstreamPipeline.RELAY_TO_UPSTREAM);
            removeIfPresent(upstream.pipeline(), UpstreamPipeline.RELAY_TO_PLAYER);
        }
        RelayHandler.closeAfterPendingWrites(upstream);
    }

    /** Returns the upstream channel of an admitted or prepared player; for tests. */
    static Channel upstreamOf(Channel player) {
        return player.attr(UPSTREAM).get();
    }

    private static void removeIfPresent(ChannelPipeline pipeline, String name) {
        if (pipeline.get(name) != null) {
            pipeline.remove(name);
        }
    }
}
