package io.ticketgate.examples;

import io.ticketgate.agent.PortUnavailableException;
import io.ticketgate.agent.TicketgateAgent;

/**
 * Starts a demo's embedded agent. A port it cannot bind becomes one line naming the address and
 * the demo's flag that picks another port: the bind itself is the only test of a free port that
 * no other process can race.
 */
public final class EmbeddedAgentStart {

    private EmbeddedAgentStart() {
    }

    /**
     * Builds and starts the agent.
     *
     * @param playerPortFlag the demo's flag for the player port
     * @param controlPortFlag the demo's flag for the control API's port
     * @throws DemoUsageException if a port cannot be bound
     */
    public static TicketgateAgent start(TicketgateAgent.Builder builder, String playerPortFlag,
            String controlPortFlag) throws DemoUsageException {
        try {
            return builder.build().start();
        } catch (PortUnavailableException e) {
            String flag = e.port() == PortUnavailableException.Port.PLAYER ? playerPortFlag : controlPortFlag;
            throw DemoUsageException.cannotBind(e.address(), e.reason(), flag);
        }
    }
}
