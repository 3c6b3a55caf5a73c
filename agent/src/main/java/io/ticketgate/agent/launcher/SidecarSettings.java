package io.ticketgate.agent.launcher;

import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.fleet.FleetSettings;
import io.ticketgate.agent.proxy.UpstreamPrelude;
import io.ticketgate.agent.proxy.UpstreamSecret;
import io.ticketgate.agent.proxy.UpstreamSettings;
import io.ticketgate.agent.runtime.AgentDefaults;
import io.ticketgate.agent.runtime.AgentSettings;
import io.ticketgate.agent.runtime.DataSettings;
import io.ticketgate.agent.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The sidecar's checked settings, from flags, environment and config file.
 *
 * @param upstreamHost the game server's host, not yet resolved
 * @param upstreamSecret signs the PROXY v2 headers; null for unsigned ones
 * @param advertiseDns null for none
 * @param advertisePort 0 for the bound player port
 * @param tls the ports' TLS files; {@link TlsSettings#NONE} for plaintext
 * @param data where sessions are kept across restarts; {@link DataSettings#MEMORY_ONLY} for nowhere
 * @param maxGameSessions live game sessions this agent hosts at most
 * @param fleet the fleet this agent joins; null for standalone
 * @param configFile the config file read, or null for the built-in one
 * @param warnings lines to log once logging is set up (secret files others may read)
 */
record SidecarSettings(
        String upstreamHost,
        int upstreamPort,
        UpstreamPrelude upstreamPrelude,
        Duration upstreamConnectTimeout,
        UpstreamSecret upstreamSecret,
        int playerPort,
        String playerBind,
        int maxConnections,
        PlayerLimits playerLimits,
        int controlPort,
        String controlBind,
        ControlAuthSettings controlAuth,
        ControlLimits controlLimits,
        Duration reservationTimeout,
        Duration handshakeTimeout,
        Duration retention,
        String fleetId,
        String advertiseIp,
        String advertiseDns,
        int advertisePort,
        GameSessionActivation gameSessionActivation,
        Duration drainTimeout,
        LogFormat logFormat,
        TlsSettings tls,
        DataSettings data,
        int maxGameSessions,
        FleetSettings fleet,
        Path configFile,
        List<String> warnings) {

    SidecarSettings {
        warnings = List.copyOf(warnings);
    }

    static final int DEFAULT_PLAYER_PORT = AgentDefaults.PLAYER_PORT;
    static final String DEFAULT_PLAYER_BIND = AgentDefaults.PLAYER_BIND;
    static final int DEFAULT_MAX_CONNECTIONS = AgentDefaults.MAX_CONNECTIONS;
    static final int DEFAULT_MAX_CONNECTIONS_PER_IP = AgentDefaults.MAX_CONNECTIONS_PER_ADDRESS;
    static final int DEFAULT_HANDSHAKES_PER_SECOND_PER_IP = AgentDefaults.HANDSHAKES_PER_SECOND_PER_ADDRESS;
    static final int DEFAULT_MAX_PENDING_HANDSHAKES = AgentDefaults.MAX_PENDING_HANDSHAKES;
    static final int DEFAULT_CONTROL_PORT = AgentDefaults.CONTROL_PORT;
    static final String DEFAULT_CONTROL_BIND = AgentDefaults.CONTROL_BIND;
    static final UpstreamPrelude DEFAULT_UPSTREAM_PRELUDE = UpstreamPrelude.PROXY_V2;
    static final Duration DEFAULT_UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_RESERVATION_TIMEOUT = AgentDefaults.RESERVATION_TIMEOUT;
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = AgentDefaults.HANDSHAKE_TIMEOUT;
    static final Duration DEFAULT_RETENTION = AgentDefaults.RETENTION;
    static final String DEFAULT_FLEET_ID = AgentDefaults.FLEET_ID;
    static final String DEFAULT_ADVERTISE_IP = AgentDefaults.ADVERTISE_IP;
    static final GameSessionActivation DEFAULT_GAME_SESSION_ACTIVATION = AgentDefaults.GAME_SESSION_ACTIVATION;
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;
    static final int DEFAULT_MAX_GAME_SESSIONS = AgentDefaults.MAX_GAME_SESSIONS;
    static final Duration DEFAULT_FLEET_HEARTBEAT_TIMEOUT = FleetSettings.DEFAULT_HEARTBEAT_TIMEOUT;
    static final Duration DEFAULT_CONTROL_HEADER_TIMEOUT = AgentDefaults.CONTROL_HEADER_TIMEOUT;
    static final Duration DEFAULT_CONTROL_BODY_TIMEOUT = AgentDefaults.CONTROL_BODY_TIMEOUT;
    static final Duration DEFAULT_CONTROL_IDLE_TIMEOUT = AgentDefaults.CONTROL_IDLE_TIMEOUT;
    static final int DEFAULT_CONTROL_MAX_CONNECTIONS = AgentDefaults.CONTROL_MAX_CONNECTIONS;
    static final int DEFAULT_CONTROL_MAX_BODY_BYTES = AgentDefaults.CONTROL_MAX_BODY_BYTES;
    static final int DEFAULT_CONTROL_REQUESTS_PER_SECOND = AgentDefaults.CONTROL_REQUESTS_PER_SECOND;


    /** Returns the agent's settings; the sidecar's players never reconnect (no grace). */
    AgentSettings agentSettings() {
        // Settings the sidecar does not expose (yet) take the agent's defaults.
        return new AgentSettings(playerPort, playerBind, true, controlPort, controlBind, controlAuth, controlLimits,
                handshakeTimeout, reservationTimeout, AgentDefaults.ADMISSION_TIMEOUT, Duration.ZERO, retention,
                AgentDefaults.MAX_RETAINED_PLAYER_SESSIONS, AgentDefaults.MAX_RETAINED_GAME_SESSIONS,
                maxGameSessions, maxConnections, playerLimits, AgentDefaults.PAGE_LIMIT,
                AgentDefaults.ioThreads(), fleetId, AgentDefaults.REGION, AgentDefaults.ACCOUNT_ID,
                advertiseIp, advertiseDns, advertisePort, gameSessionActivation, tls, data, fleet,
                Clock.systemUTC(), System::nanoTime);
    }

    /** Returns where and how accepted players are piped. */
    UpstreamSettings upstreamSettings() {
        return new UpstreamSettings(upstreamHost, upstreamPort, upstreamPrelude, upstreamConnectTimeout,
                upstreamSecret);
    }
}
