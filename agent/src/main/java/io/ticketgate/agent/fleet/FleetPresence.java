package io.ticketgate.agent.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.control.PeerOperations;
import io.ticketgate.agent.store.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent's presence in its fleet: the connection to the fleet's Redis, the claimed
 * agent id kept alive by heartbeats and the copy of its sessions' changes (both on the agent's
 * timer), and the look for dead agents whose sessions it ends ({@link FleetReaper}). Start-up
 * fails, naming what is wrong, when Redis cannot be reached or another live agent has the id.
 */
public final class FleetPresence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetPresence.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetConnection connection;
    private final FleetMembership membership;
    private final FleetMirror mirror;
    private final FleetCalls calls;
    private final FleetPlacement placement;
    /** Its own thread: looking for dead agents waits on Redis, which the agent's timer must never do. */
    private final ScheduledExecutorService reaping;

    private FleetPresence(FleetConnection connection, FleetMembership membership, FleetMirror mirror,
            FleetCalls calls, FleetPlacement placement, ScheduledExecutorService reaping) {
        this.connection = connection;
        this.membership = membership;
        this.mirror = mirror;
        this.calls = calls;
        this.placement = placement;
        this.reaping = reaping;
    }

    /**
     * Joins the fleet and starts the heartbeats.
     *
     * @param playerPort the bound player port, part of the default agent id
     * @param ipAddress where this agent's players connect (with {@code dnsName}, null for none, and {@code port})
     * @param retention how long ended sessions are kept, here and in Redis
     * @param dataDirectory the agent's data dir, where its instance token is kept; null for none
     * @throws UncheckedIOException "cannot join the fleet ...", naming Redis or the agent id
     */
    public static FleetPresence join(FleetSettings settings, int playerPort, String ipAddress, String dnsName,
            int port, ScheduledExecutorService timer, Clock clock, Duration retention, Path dataDirectory) {
        FleetSettings decided = settings.withAgentIdFor(hostName(), playerPort);
        FleetConnection connection;
        try {
            connection = FleetConnection.open(decided);
        } catch (FleetUnreachableException e) {
            throw new UncheckedIOException(new IOException("cannot join the fleet " + decided.fleetId() + ": "
                    + e.getMessage(), e));
        }
        try {
            String listing = listing(decided, ipAddress, dnsName, port);
            FleetMembership membership = FleetMembership.join(connection, decided, listing,
                    dataDirectory != null ? FleetInstance.keptIn(dataDirectory) : FleetInstance.fresh());
            FleetCalls calls;
            try {
                calls = FleetCalls.open(connection, decided);
            } catch (FleetUnreachableException | RuntimeException e) {
                membership.close();
                throw e;
            }
            membership.startHeartbeats(timer);
            FleetMirror mirror = new FleetMirror(connection, decided, listing, retention);
            mirror.start(timer);
            ScheduledExecutorService reaping = Executors.newSingleThreadScheduledExecutor(
                    new DefaultThreadFactory("ticketgate-fleet", true));
            FleetReaper reaper = new FleetReaper(connection, decided, clock);
            long interval = decided.heartbeatInterval().toMillis();
            reaping.scheduleWithFixedDelay(() -> reap(reaper), interval, interval, TimeUnit.MILLISECONDS);
            LOG.info("Fleet {}: joined as agent {} through Redis at {} (hosts up to {} game sessions; dead to the"
                    + " fleet after {}s without a heartbeat)", decided.fleetId(), decided.agentId(),
                    decided.redisForLog(), decided.maxGameSessions(), decided.heartbeatTimeout().toSeconds());
            return new FleetPresence(connection, membership, mirror, calls,
                    new FleetPlacement(connection, decided, retention.toMillis()), reaping);
        } catch (AgentIdTakenException | FleetUnreachableException | RuntimeException e) {
            connection.close();
            throw new UncheckedIOException(new IOException("cannot join the fleet " + decided.fleetId() + ": "
                    + e.getMessage(), e));
        }
    }

    /** True while this agent holds its id and Redis answers its heartbeats. */
    public boolean isMember() {
        return membership.status() == FleetMembership.Status.MEMBER;
    }

    public String agentId() {
        return membership.agentId();
    }

    /** The sessions other agents hold, read from Redis, for describes through this agent. */
    public FleetDirectory directory(String fleetArn) {
        return new FleetDirectory(connection, calls, placement, membership.agentId(), this::isMember,
                membership.fleetId(), fleetArn);
    }

    /**
     * Starts running the operations other agents pass to this one, for the game sessions it holds.
     *
     * @throws UncheckedIOException "cannot join the fleet ..." if Redis does not take the subscription
     */
    public void serveCalls(SessionStore store) {
        try {
            calls.serve(new PeerOperations(store));
        } catch (FleetUnreachableException e) {
            throw new UncheckedIOException(new IOException("cannot join the fleet " + membership.fleetId() + ": "
                    + e.getMessage(), e));
        }
    }

    /**
     * Copies every session of {@code store} to Redis again whenever this agent rejoins after its
     * claim lapsed (Redis restarted empty, or the agent was cut off), on the fleet's own thread.
     */
    public void recopyOnRejoin(SessionStore store) {
        membership.onRejoin(() -> reaping.execute(() -> {
            reconcileOrWarn(store, "this agent's sessions");
            store.appendAllStatesTo(mirror);
            LOG.info("Fleet {}: copied this agent's sessions to Redis again after rejoining", membership.fleetId());
        }));
    }

    /**
     * After a restart from the data dir, before players are let in: ends here what the fleet ended
     * while this agent was away (Redis wins). If Redis does not answer, a warning says so and the
     * agent keeps what it restored.
     */
    public void reconcileRestored(SessionStore store) {
        reconcileOrWarn(store, "the restored sessions");
    }

    private void reconcileOrWarn(SessionStore store, String sessions) {
        try {
            new FleetReconciliation(connection).reconcile(store);
        } catch (FleetUnreachableException e) {
            LOG.warn("Fleet: could not check {} against the fleet's: {}", sessions, e.getMessage());
        }
    }

    /** Where the store hands a copy of each change, for describes through other agents. */
    public FleetMirror mirror() {
        return mirror;
    }

    private static void reap(FleetReaper reaper) {
        try {
            reaper.reapOnce();
        } catch (FleetUnreachableException e) {
            LOG.debug("Fleet: no look for dead agents this time: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Fleet: the look for dead agents failed", e);
        }
    }

    /** Writes the last changes, frees the agent id at once and closes the connection. */
    @Override
    public void close() {
        reaping.shutdownNow();
        calls.close();
        mirror.close();
        membership.close();
        connection.close();
    }

    private static String listing(FleetSettings settings, String ipAddress, String dnsName, int port) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("AgentId", settings.agentId());
        fields.put("IpAddress", ipAddress);
        if (dnsName != null) {
            fields.put("DnsName", dnsName);
        }
        fields.put("Port", port);
        fields.put("MaxGameSessions", settings.maxGameSessions());
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
