package io.ticketgate.agent.control;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.control.auth.BearerToken;
import io.ticketgate.agent.control.auth.ControlAuthenticator;
import io.ticketgate.agent.player.Transport;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.tls.ReloadingTlsContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The control API's HTTP server: GameLift's operations in AWS JSON 1.1 and Smithy RPC v2 CBOR,
 * plus health, readiness and metrics, and the local API for the game server on this host (its
 * operations and event stream). It runs on an event loop of its own, so a slow describe
 * never delays a player's handshake.
 */
public final class ControlServer {

    private final InetSocketAddress bindAddress;
    private final ControlServerInitializer initializer;
    private final EventHub events;
    private final OperationWorkers workers;
    private final Transport transport = Transport.best();
    private EventLoopGroup group;
    private Channel serverChannel;

    /**
     * @param authenticator decides which GameLift operations may run
     * @param limits what one client may take of the port
     * @param tls the control port's TLS, already loaded; null for plain HTTP
     * @param clock the agent's clock: event ids start at its now, so no run repeats another's
     */
    public ControlServer(InetSocketAddress bindAddress, SessionStore store, ControlEndpoints endpoints,
            ControlRequestObserver observer, ControlAuthenticator authenticator, BearerToken localApiToken,
            ControlLimits limits, ReloadingTlsContext tls, Clock clock) {
        this(bindAddress, store, SessionsElsewhere.NONE, endpoints, observer, authenticator, localApiToken,
                limits, tls, clock);
    }

    /** @param elsewhere in a fleet, the player sessions other agents hold */
    public ControlServer(InetSocketAddress bindAddress, SessionStore store, SessionsElsewhere elsewhere,
            ControlEndpoints endpoints, ControlRequestObserver observer, ControlAuthenticator authenticator,
            BearerToken localApiToken, ControlLimits limits, ReloadingTlsContext tls, Clock clock) {
        this.bindAddress = bindAddress;
        GameLiftOperations operations = new GameLiftOperations(store, elsewhere);
        LocalJsonFormat json = new LocalJsonFormat(new AwsJson11Format());
        this.events = new EventHub(json, store.settings().region(), EventHub.firstIdAt(clock));
        this.workers = new OperationWorkers(new RequestRateLimiter(limits.requestsPerSecond(), System::nanoTime),
                // In a fleet, a worker may wait for Redis or for another agent as it would for the disk.
                store.waitsForDisk() || elsewhere != SessionsElsewhere.NONE
                        ? OperationWorkers.THREADS_WAITING_FOR_DISK : OperationWorkers.THREADS);
        this.initializer = new ControlServerInitializer(limits, observer,
                new LocalApiHandler(new LocalOperations(store, operations), events, json, observer, localApiToken,
                        workers),
                new ControlRequestHandler(operations, endpoints, observer, authenticator, workers), tls);
    }

    /** Returns the open control connections, event streams included. */
    public int openConnections() {
        return initializer.openConnections();
    }

    /**
     * Returns the sink that feeds the local API's event stream: add it to the store's sinks. It
     * only logs and queues, as a sink must.
     */
    public SessionEventSink eventSink() {
        return events;
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
        workers.shutdown();
    }
}
