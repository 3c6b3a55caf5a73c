package io.ticketgate.agent.player;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.time.AgentClock;
import io.ticketgate.agent.tls.ReloadingTlsContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The TCP server players connect to. */
public final class PlayerServer {

    /**
     * @param bindAddress where to listen; port 0 picks a free one
     * @param handshakeTimeout how long a client has to send its whole CONNECT
     * @param admissionTimeout how long the hand-off has to answer before the player gets BUSY
     * @param maxConnections the most player connections open at once; more get BUSY
     * @param limits what one address may take; over a limit, BUSY
     * @param ioThreads event loop threads serving player connections
     */
    public record Settings(InetSocketAddress bindAddress, Duration handshakeTimeout, Duration admissionTimeout,
            int maxConnections, PlayerLimits limits, int ioThreads) {
    }

    /** How often addresses that hold nothing and have their burst back are forgotten. */
    private static final long SWEEP_SECONDS = 1;
    /** How often failed handshakes are reported, by address (a few lines each time). */
    private static final long FAILURE_REPORT_SECONDS = 10;

    private final Settings settings;
    private final PlayerFrontEnd frontEnd;
    private final PlayerServerInitializer initializer;
    private final ReloadingTlsContext tls;
    private final Transport transport = Transport.best();
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel serverChannel;

    /**
     * @param tls the player port's TLS, loaded before {@link #open}; null for plaintext TGT/1
     */
    public PlayerServer(Settings settings, PlayerHandoff handoff, PlayerConnections connections, AgentClock clock,
            ReloadingTlsContext tls) {
        this.settings = settings;
        this.frontEnd = new PlayerFrontEnd(handoff, connections, clock, settings.handshakeTimeout(),
                settings.admissionTimeout());
        this.initializer = new PlayerServerInitializer(frontEnd, settings.maxConnections(), settings.limits(), tls);
        this.tls = tls;
    }

    /** Returns true if players connect over TLS. */
    public boolean isTls() {
        return tls != null;
    }

    /**
     * Binds the player port without accepting yet, so the bound port is known (port 0 picks one)
     * before the store that reports it exists.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws java.net.BindException (sneakily, from Netty) if the port is taken
     */
    public void bind() throws InterruptedException {
        acceptors = transport.newEventLoopGroup(1, new DefaultThreadFactory("ticketgate-player-accept", true));
        workers = transport.newEventLoopGroup(settings.ioThreads(), new DefaultThreadFactory("ticketgate-player", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.serverChannelType())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, Transport.RECEIVE_BUFFERS)
                .childHandler(initializer);
        try {
            serverChannel = bootstrap.bind(settings.bindAddress()).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    /** Starts accepting players, validated against {@code store}, each outcome told to {@code observer}. */
    public void open(SessionStore store, HandshakeObserver observer) {
        frontEnd.open(store, observer);
        AddressLimits addressLimits = initializer.addressLimits();
        acceptors.scheduleAtFixedRate(addressLimits::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        acceptors.scheduleAtFixedRate(() -> frontEnd.log().reportFailures(FAILURE_REPORT_SECONDS + "s"),
                FAILURE_REPORT_SECONDS, FAILURE_REPORT_SECONDS, TimeUnit.SECONDS);
        serverChannel.config().setAutoRead(true);
    }

    /** Returns the address the server listens on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Returns which transport serves players: EPOLL or NIO. */
    public Transport transport() {
        return transport;
    }

    /** Returns how many player connections are open, handshaking ones included. */
    public int openConnections() {
        return initializer.openConnections();
    }

    /** Returns how many player connections have not yet finished their CONNECT. */
    public int pendingHandshakes() {
        return initializer.pendingHandshakes();
    }

    /** From now on, every CONNECT is answered with SHUTTING_DOWN. */
    public void startDraining() {
        frontEnd.startDraining();
    }

    /** Closes the listening socket and the event loops; open connections are closed with them. */
    public void shutdown() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
