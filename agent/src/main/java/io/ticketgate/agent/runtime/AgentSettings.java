package io.ticketgate.agent.runtime;

import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.fleet.FleetSettings;
import io.ticketgate.agent.tls.TlsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Every setting of a running agent, whichever way it is started (embedded builder or sidecar
 * launcher); both check their input before building one, each naming settings its own way.
 *
 * @param fleet the fleet's Redis and this agent's place in it; null for a standalone agent
 * @param nanoTime the monotonic nanosecond source for every deadline
 */
public record AgentSettings(
        int playerPort,
        String playerBindAddress,
        boolean controlApi,
        int controlPort,
        String controlBindAddress,
        ControlAuthSettings controlAuth,
        ControlLimits controlLimits,
        Duration handshakeTimeout,
        Duration reservationTimeout,
        Duration admissionTimeout,
        Duration reconnectGrace,
        Duration retention,
        int maxRetainedPlayerSessions,
        int maxRetainedGameSessions,
        int maxGameSessions,
        int maxConnections,
        PlayerLimits playerLimits,
        int defaultPageLimit,
        int ioThreads,
        String fleetId,
        String region,
        String accountId,
        String advertiseIp,
        String advertiseDns,
        int advertisePort,
        GameSessionActivation gameSessionActivation,
        TlsSettings tls,
        DataSettings data,
        FleetSettings fleet,
        Clock clock,
        LongSupplier nanoTime) {
}
