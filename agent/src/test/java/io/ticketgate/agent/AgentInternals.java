package io.ticketgate.agent;

/** Lets tests in other packages of the agent do what tests in this package do through its store. */
public final class AgentInternals {

    private AgentInternals() {
    }

    /**
     * Claims a RESERVED player session as a connecting player's CONNECT would, without a socket:
     * it becomes ACTIVE.
     *
     * @return true if the store accepted the claim
     */
    public static boolean connectWithoutSocket(TicketgateAgent agent, String playerSessionId) {
        return agent.store().connect(playerSessionId).isAccepted();
    }

    /** Runs the store's due expiries now, as its timers would: for tests on fake time. */
    public static void runMaintenance(TicketgateAgent agent) {
        agent.store().runMaintenance();
    }

    /** Reads changed TLS files now, as the agent's timer would; true if a port's pair was reloaded. */
    public static boolean reloadTlsIfChanged(TicketgateAgent agent) {
        return agent.reloadTlsIfChanged();
    }
}
