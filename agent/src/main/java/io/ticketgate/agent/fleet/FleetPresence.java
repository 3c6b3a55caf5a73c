package io.ticketgate.agent.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent's presence in its fleet: the connection to the fleet's Redis, the claimed
 * agent id kept alive by heartbeats, and the copy of its sessions' changes, both on the agent's
 * timer. Start-up fails, naming what is wrong,
 * when Redis cannot be reached or another live agent has the id.
 */
public final class FleetPresence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetPresence.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetConnection connection;
    private final FleetMembership membership;
    private final FleetMirror mirror;

    private FleetPresence(FleetConnection connection, FleetMembership membership, FleetMirror mirror) {
        this.connection = connection;
        this.membership = membership;
        this.mirror = mirror;
    }

    /**
     * Joins the fleet and starts the heartbeats.
     *
     * @param playerPort the bound player port, part of the default agent id
     * @param advertised where other agents send this agent's players: IpAddress, DnsName (null for none), Port
     * @throws UncheckedIOException "cannot join the fleet ...", naming Redis or the agent id
     */
    public static FleetPresence join(FleetSettings settings, int playerPort, String ipAddress, String dnsName,
            int port, ScheduledExecutorService timer) {
        FleetSettings decided = settings.withAgentIdFor(hostName(), playerPort);
        FleetConnection connection;
        try {
            connection = FleetConnection.open(decided);
        } catch (FleetUnreachableException e) {
            throw new UncheckedIOException(new IOException("cannot join the fleet " + decided.fleetId() + ": "
                    + e.getMessage(), e));
        }
        try {
            FleetMembership membership = FleetMembership.join(connection, decided,
                    listing(decided, ipAddress, dnsName, port));
            membership.startHeartbeats(timer);
            FleetMirror mirror = new FleetMirror(connection);
            mirror.start(timer);
            LOG.info("Fleet {}: joined as agent {} through Redis at {} (hosts up to {} game sessions; dead to the"
                    + " fleet after {}s without a heartbeat)", decided.fleetId(), decided.agentId(),
                    decided.redisForLog(), decided.maxGameSessions(), decided.heartbeatTimeout().toSeconds());
            return new FleetPresence(connection, membership, mirror);
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

    /** Where the store hands a copy of each change, for describes through other agents. */
    public FleetMirror mirror() {
        return mirror;
    }

    /** Writes the last changes, frees the agent id at once and closes the connection. */
    @Override
    public void close() {
        mirror.close();
        membership.close();
        connection.close();
    }

    private static String listing(FleetSettings settings, String ipAddress, String dnsName, int port) {
        Map<String, Object> fields = new LinkedHashMap<>();
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
