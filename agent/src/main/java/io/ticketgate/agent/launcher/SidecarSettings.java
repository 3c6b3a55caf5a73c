package io.ticketgate.agent.launcher;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.proxy.UpstreamPrelude;
import io.ticketgate.agent.proxy.UpstreamSettings;
import io.ticketgate.agent.runtime.AgentSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The sidecar's checked settings, from flags, environment and config file.
 *
 * @param upstreamHost the game server's host, not yet resolved
 * @param advertiseDns null for none
 * @param advertisePort 0 for the bound player port
 * @param configFile the config file read, or null for the built-in one
 */
record SidecarSettings(
        String upstreamHost,
        int upstreamPort,
        UpstreamPrelude upstreamPrelude,
        Duration upstreamConnectTimeout,
        int playerPort,
        String playerBind,
        int controlPort,
        String controlBind,
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
        Path configFile) {

    static final int DEFAULT_PLAYER_PORT = TicketgateAgent.Builder.DEFAULT_PLAYER_PORT;
    static final String DEFAULT_PLAYER_BIND = "0.0.0.0";
    static final int DEFAULT_CONTROL_PORT = TicketgateAgent.Builder.DEFAULT_CONTROL_PORT;
    static final String DEFAULT_CONTROL_BIND = "127.0.0.1";
    static final UpstreamPrelude DEFAULT_UPSTREAM_PRELUDE = UpstreamPrelude.PROXY_V2;
    static final Duration DEFAULT_UPSTREAM_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RESERVATION_TIMEOUT = TicketgateAgent.Builder.DEFAULT_RESERVATION_TIMEOUT;
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = TicketgateAgent.Builder.DEFAULT_HANDSHAKE_TIMEOUT;
    static final Duration DEFAULT_RETENTION = TicketgateAgent.Builder.DEFAULT_RETENTION;
    static final String DEFAULT_FLEET_ID = TicketgateAgent.Builder.DEFAULT_FLEET_ID;
    static final String DEFAULT_ADVERTISE_IP = "127.0.0.1";
    static final GameSessionActivation DEFAULT_GAME_SESSION_ACTIVATION = GameSessionActivation.AUTO;
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    static final LogFormat DEFAULT_LOG_FORMAT = LogFormat.TEXT;

    // Not (yet) sidecar settings: the embedded builder's defaults.
    private static final Duration ADMISSION_TIMEOUT = TicketgateAgent.Builder.DEFAULT_ADMISSION_TIMEOUT;
    private static final int MAX_RETAINED_PLAYER_SESSIONS = 100_000;
    private static final int MAX_RETAINED_GAME_SESSIONS = 10_000;
    private static final int MAX_GAME_SESSIONS = 1_000;
    private static final int MAX_CONNECTIONS = 10_000;
    private static final int DEFAULT_PAGE_LIMIT = 50;
    private static final String REGION = "local";
    private static final String ACCOUNT_ID = "000000000000";

    /** Returns the agent's settings; the sidecar's players never reconnect (no grace). */
    AgentSettings agentSettings() {
        return new AgentSettings(playerPort, playerBind, true, controlPort, controlBind,
                handshakeTimeout, reservationTimeout, ADMISSION_TIMEOUT, Duration.ZERO, retention,
                MAX_RETAINED_PLAYER_SESSIONS, MAX_RETAINED_GAME_SESSIONS, MAX_GAME_SESSIONS, MAX_CONNECTIONS,
                DEFAULT_PAGE_LIMIT, Runtime.getRuntime().availableProcessors(), fleetId, REGION, ACCOUNT_ID,
                advertiseIp, advertiseDns, advertisePort, gameSessionActivation,
                Clock.systemUTC(), Ticker.systemTicker());
    }

    /** Returns where and how accepted players are piped. */
    UpstreamSettings upstreamSettings() {
        return new UpstreamSettings(upstreamHost, upstreamPort, upstreamPrelude, upstreamConnectTimeout);
    }
}
