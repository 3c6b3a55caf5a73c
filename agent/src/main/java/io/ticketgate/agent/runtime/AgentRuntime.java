package io.ticketgate.agent.runtime;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PortUnavailableException;
import io.ticketgate.agent.control.ControlEndpoints;
import io.ticketgate.agent.control.ControlServer;
import io.ticketgate.agent.control.SessionsElsewhere;
import io.ticketgate.agent.control.auth.BearerToken;
import io.ticketgate.agent.control.auth.ControlAuthenticator;
import io.ticketgate.agent.durable.DataDirectory;
import io.ticketgate.agent.durable.DurableStateLog;
import io.ticketgate.agent.fleet.FleetPresence;
import io.ticketgate.agent.metrics.AgentMetrics;
import io.ticketgate.agent.player.PlayerConnections;
import io.ticketgate.agent.player.PlayerHandoff;
import io.ticketgate.agent.player.PlayerServer;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StateLog;
import io.ticketgate.agent.store.StoreSettings;
import io.ticketgate.agent.time.AgentClock;
import io.ticketgate.agent.tls.ReloadingTlsContext;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of an agent wired together: the store, the player server with its hand-off,
 * the control API, metrics and the maintenance timer. The embedded API and the sidecar launcher
 * both drive one of these; they differ only in the hand-off (the game's listener, or the
 * upstream game server) and in who else listens to the store's events.
 */
public final class AgentRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRuntime.class);

    /** How long stop() waits for player connections to close on their own. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    /**
     * How often ended sessions past their retention are purged (and due timers run): often enough
     * that a session is gone within seconds of its end plus any retention, however short. A sweep
     * with nothing due looks at one queue head, so running it every second costs nothing.
     */
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(1);
    /** How often the TLS files are checked for a rotated certificate. */
    private static final Duration TLS_RELOAD_INTERVAL = Duration.ofSeconds(5);
    /** The control API's clients are the operator's own: a generous bound, not a defence. */
    private static final Duration CONTROL_TLS_HANDSHAKE = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final AgentClock clock;
    private final PlayerConnections connections = new PlayerConnections();
    private final PlayerServer playerServer;
    /** Null where the port is plaintext. */
    private final ReloadingTlsContext playerTls;
    private final ReloadingTlsContext controlTls;
    private final List<SessionEventSink> sinks = new CopyOnWriteArrayList<>();

    private volatile SessionStore store;
    /** Null for a memory-only agent. */
    private DurableStateLog durableLog;
    private ControlServer controlServer;
    private ScheduledExecutorService maintenance;
    /**
     * Null for a standalone agent. Only fleet mode touches it, so only then is a class of the
     * fleet package loaded, and with it Lettuce, an optional dependency.
     */
    private volatile FleetPresence fleet;
    private volatile State state = State.NEW;

    private enum State { NEW, RUNNING, DRAINING, STOPPED }

    /**
     * @param settings checked settings
     * @param handoff where validated players go
     * @param handoffEvents the hand-off's interest in store events (NONE if it has none)
     */
    public AgentRuntime(AgentSettings settings, PlayerHandoff handoff, SessionEventSink handoffEvents) {
        this.settings = settings;
        this.clock = new AgentClock(settings.clock(), settings.nanoTime());
        this.playerTls = settings.tls().player() == null ? null : new ReloadingTlsContext("player port",
                settings.tls().player(), settings.handshakeTimeout().toMillis());
        this.controlTls = settings.tls().control() == null || !settings.controlApi() ? null
                : new ReloadingTlsContext("control port", settings.tls().control(), CONTROL_TLS_HANDSHAKE.toMillis());
        this.playerServer = new PlayerServer(new PlayerServer.Settings(
                new InetSocketAddress(settings.playerBindAddress(), settings.playerPort()),
                settings.handshakeTimeout(), settings.admissionTimeout(), settings.maxConnections(),
                settings.playerLimits(), settings.ioThreads()), handoff, connections, clock, playerTls);
        sinks.add(connections);
        sinks.add(handoffEvents);
    }

    /** Adds a receiver of every store event; call before {@link #start()}. */
    public void addEventSink(SessionEventSink sink) {
        sinks.add(sink);
    }

    /**
     * Binds the ports and starts serving.
     *
     * @throws IllegalStateException if started before
     * @throws PortUnavailableException naming the port that could not be bound
     * @throws UncheckedIOException naming the data dir, TLS files or fleet that could not be used
     */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the agent was already started");
        }
        String unsafeBind = settings.controlApi() ? settings.controlAuth().unsafeBind(settings.controlBindAddress()) : null;
        if (unsafeBind != null) {
            throw new IllegalStateException(unsafeBind);
        }
        // Bad TLS files stop start-up before any port is bound.
        for (ReloadingTlsContext tls : tlsContexts()) {
            tls.load();
        }
        // So does a data dir another agent holds, or one that cannot be read: nothing is reset.
        DataDirectory dataDirectory = null;
        DataDirectory.Contents contents = null;
        long readStarted = System.nanoTime();
        if (settings.data().directory() != null) {
            dataDirectory = DataDirectory.lock(settings.data().directory());
            try {
                contents = dataDirectory.read();
            } catch (RuntimeException e) {
                dataDirectory.close();
                throw e;
            }
        }
        try {
            playerServer.bind();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(dataDirectory);
            throw new IllegalStateException("interrupted while binding the player port", e);
        } catch (Exception e) {
            closeQuietly(dataDirectory);
            throw new PortUnavailableException(PortUnavailableException.Port.PLAYER,
                    settings.playerBindAddress() + ":" + settings.playerPort(), reason(e), e);
        }
        int boundPort = playerServer.localAddress().getPort();
        maintenance = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("ticketgate-timer", true));
        StoreSettings storeSettings = new StoreSettings(settings.fleetId(), settings.region(), settings.accountId(),
                settings.advertiseIp(), settings.advertiseDns(),
                settings.advertisePort() != 0 ? settings.advertisePort() : boundPort,
                settings.reservationTimeout(), settings.reconnectGrace(), settings.retention(),
                settings.maxRetainedPlayerSessions(), settings.maxRetainedGameSessions(), settings.maxGameSessions(),
                settings.gameSessionActivation(), settings.defaultPageLimit());
        if (dataDirectory != null) {
            try {
                durableLog = DurableStateLog.start(dataDirectory, contents, settings.data().compactAfterBytes());
            } catch (RuntimeException e) {
                dataDirectory.close();
                abandonStart();
                throw e;
            }
        }
        if (settings.fleet() != null) {
            // Before the store: each change it makes goes to the fleet's Redis too.
            joinFleet(boundPort);
        }
        StateLog log = durableLog != null ? durableLog : StateLog.NONE;
        store = new SessionStore(storeSettings, clock, Scheduler.forScheduledExecutorService(maintenance),
                maintenance, this::publish, fleet != null ? StateLog.withCopy(log, fleet.mirror()) : log);
        if (durableLog != null) {
            restore(contents, readStarted);
            if (fleet != null) {
                fleet.reconcileRestored(store);
            }
        }
        maintenance.scheduleWithFixedDelay(this::runMaintenance, MAINTENANCE_INTERVAL.toMillis(),
                MAINTENANCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        if (!tlsContexts().isEmpty()) {
            maintenance.scheduleWithFixedDelay(this::reloadTlsIfChanged, TLS_RELOAD_INTERVAL.toMillis(),
                    TLS_RELOAD_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
        AgentMetrics metrics = new AgentMetrics(store, playerServer::openConnections);
        metrics.pendingHandshakes(playerServer::pendingHandshakes);
        if (durableLog != null) {
            metrics.dataDirectory(durableLog);
        }
        if (fleet != null) {
            metrics.fleet(fleet::isMember);
            fleet.recopyOnRejoin(store);
            try {
                fleet.serveCalls(store);
            } catch (RuntimeException e) {
                abandonStart();
                throw e;
            }
        }
        if (settings.controlApi()) {
            startControlServer(metrics);
        }
        playerServer.open(store, metrics);
        state = State.RUNNING;
        LOG.info("Ticketgate agent serving players on {} ({}, {}), fleet {}", playerServer.localAddress(),
                playerServer.transport(), playerTls != null ? "TLS" : "plaintext", settings.fleetId());
        if (!tlsContexts().isEmpty()) {
            LOG.info("TLS by {}; certificates are reloaded when their files change", ReloadingTlsContext.provider());
        }
        if (controlServer != null) {
            LOG.info("Control API (GameLift JSON 1.1 and RPC v2 CBOR; local API under /local/v1/) on {}://{}:{}/",
                    controlTls != null ? "https" : "http",
                    controlServer.localAddress().getHostString(), controlServer.localAddress().getPort());
            LOG.info(settings.controlAuth().describe(settings.controlBindAddress()));
        }
    }

    /** Brings back what the data dir held; the store journals what the restart changed. */
    private void restore(DataDirectory.Contents contents, long readStarted) {
        try {
            SessionStore.Restored restored = store.restore(contents.states());
            durableLog.attach(store, contents);
            LOG.info("Restored {} game sessions and {} player sessions ({} RESERVED, {} timed out while the agent was"
                    + " down, {} ACTIVE completed as their connections died) from {} in {} ms",
                    restored.gameSessions(), restored.playerSessions(), restored.reserved(),
                    restored.timedOutWhileDown(), restored.completedAtRestart(), settings.data().directory(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStarted));
            if (contents.tornBytes() > 0) {
                LOG.info("Cut off {} bytes of a write the last process did not finish (never acknowledged)",
                        contents.tornBytes());
            }
        } catch (RuntimeException e) {
            abandonStart();
            throw e;
        }
    }

    private static void closeQuietly(DataDirectory directory) {
        if (directory != null) {
            directory.close();
        }
    }

    private void publish(SessionEvent event) {
        for (SessionEventSink sink : sinks) {
            sink.onEvent(event);
        }
    }

    /** Before the ports serve: an agent that cannot join its fleet does not start. */
    private void joinFleet(int boundPort) {
        try {
            fleet = FleetPresence.join(settings.fleet(), boundPort, settings.advertiseIp(), settings.advertiseDns(),
                    settings.advertisePort() != 0 ? settings.advertisePort() : boundPort, maintenance,
                    settings.clock(), settings.retention(),
                    settings.data().directory());
        } catch (RuntimeException e) {
            abandonStart();
            throw e;
        }
    }

    /** True while the agent serves players and, in a fleet, Redis answers it. */
    private boolean ready() {
        FleetPresence member = fleet;
        return state == State.RUNNING && (member == null || member.isMember());
    }

    private void startControlServer(AgentMetrics metrics) {
        SessionsElsewhere elsewhere = fleet != null ? fleet.directory(store.settings().fleetArn())
                : SessionsElsewhere.NONE;
        controlServer = new ControlServer(new InetSocketAddress(settings.controlBindAddress(), settings.controlPort()),
                store, elsewhere, new ControlEndpoints(this::ready, metrics::scrape), metrics,
                ControlAuthenticator.of(settings.controlAuth(), settings.clock()),
                BearerToken.of(settings.controlAuth().localApiToken()), settings.controlLimits(), controlTls,
                settings.clock());
        metrics.controlConnections(controlServer::openConnections);
        DescriptorReserve.check(settings.controlLimits().maxConnections(), settings.maxConnections());
        sinks.add(controlServer.eventSink());
        try {
            controlServer.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonStart();
            throw new IllegalStateException("interrupted while binding the control port", e);
        } catch (Exception e) {
            abandonStart();
            throw new PortUnavailableException(PortUnavailableException.Port.CONTROL,
                    settings.controlBindAddress() + ":" + settings.controlPort(), reason(e), e);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void abandonStart() {
        playerServer.shutdown();
        if (fleet != null) {
            fleet.close();
        }
        maintenance.shutdownNow();
        if (durableLog != null) {
            durableLog.close();
        }
        state = State.STOPPED;
    }

    private List<ReloadingTlsContext> tlsContexts() {
        List<ReloadingTlsContext> contexts = new ArrayList<>();
        if (playerTls != null) {
            contexts.add(playerTls);
        }
        if (controlTls != null) {
            contexts.add(controlTls);
        }
        return contexts;
    }

    /**
     * Rebuilds each TLS context whose files changed; new connections get the new certificate.
     * A timer calls it every few seconds; tests call it at once.
     *
     * @return true if any context was rebuilt
     */
    public boolean reloadTlsIfChanged() {
        boolean reloaded = false;
        for (ReloadingTlsContext tls : tlsContexts()) {
            try {
                reloaded |= tls.reloadIfChanged();
            } catch (RuntimeException e) {
                LOG.warn("TLS certificate reload failed", e);
            }
        }
        return reloaded;
    }

    private void runMaintenance() {
        try {
            store.runMaintenance();
            if (durableLog != null) {
                durableLog.compactIfDue();
            }
        } catch (RuntimeException e) {
            LOG.warn("session maintenance failed", e);
        }
    }

    /**
     * Stops serving: readiness goes 503 and new CONNECTs get SHUTTING_DOWN at once; players
     * already in may play on for up to {@code drainTimeout} (zero: none), then every RESERVED and
     * ACTIVE session is COMPLETED, connections close and the ports close. Stopping a stopped
     * runtime does nothing.
     */
    public void stop(Duration drainTimeout) {
        synchronized (this) {
            if (state != State.RUNNING) {
                state = State.STOPPED;
                return;
            }
            // New CONNECTs are refused before readiness says so: never ready-looking yet refusing,
            // never refusing-looking yet admitting.
            playerServer.startDraining();
            state = State.DRAINING;
        }
        if (!drainTimeout.isZero()) {
            connections.awaitClosed(drainTimeout);
        }
        try {
            store.completeAll(DisconnectReason.AGENT_STOPPED);
        } catch (UncheckedIOException e) {
            LOG.warn("the last changes could not be written to the data dir: {}", e.getMessage());
        }
        // Closing the event loops would cut connections whose last RESULT is still queued.
        connections.awaitClosed(STOP_GRACE);
        playerServer.shutdown();
        if (controlServer != null) {
            controlServer.shutdown();
        }
        if (fleet != null) {
            fleet.close();
        }
        maintenance.shutdownNow();
        if (durableLog != null) {
            durableLog.close();
        }
        state = State.STOPPED;
        LOG.info("Ticketgate agent stopped");
    }

    /** Returns the store; only while running. */
    public SessionStore store() {
        return store;
    }

    /** Returns the bound player port. */
    public int playerPort() {
        return playerServer.localAddress().getPort();
    }

    /** Returns the bound player address. */
    public InetSocketAddress playerAddress() {
        return playerServer.localAddress();
    }

    /** Returns the bound control port, or -1 without a control API. */
    public int controlPort() {
        return controlServer == null ? -1 : controlServer.localAddress().getPort();
    }
}
