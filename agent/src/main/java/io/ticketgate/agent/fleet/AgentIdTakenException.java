package io.ticketgate.agent.fleet;

/** Another live agent of the fleet already holds this agent's id. */
public final class AgentIdTakenException extends Exception {

    public AgentIdTakenException(String message) {
        super(message);
    }
}
