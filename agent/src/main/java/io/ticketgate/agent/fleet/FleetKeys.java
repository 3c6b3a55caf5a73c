package io.ticketgate.agent.fleet;

/**
 * The Redis keys of one fleet. Every key starts with {@code tg:{FLEET_ID}:}; the braces are a
 * Redis Cluster hash tag, so that the fleet's directory keys (agents, placement) share a slot and
 * can be changed together in one script. Game sessions' own keys will be tagged by game session.
 */
final class FleetKeys {

    private final String prefix;

    FleetKeys(String fleetId) {
        this.prefix = "tg:{" + fleetId + "}:";
    }

    /** The claim on an agent id: the live agent's instance token, expiring with its heartbeat. */
    String agent(String agentId) {
        return prefix + "agent:" + agentId;
    }

    /** Set of the game sessions an agent hosts (and hosted), for the survivors should it die. */
    String games(String agentId) {
        return prefix + "agent:" + agentId + ":games";
    }

    /** The lease a survivor holds while it ends a dead agent's sessions, so that only one does. */
    String reaping(String agentId) {
        return prefix + "reaping:" + agentId;
    }

    /** Hash of agent id to what other agents need of it (address, port, capacity). */
    String agents() {
        return prefix + "agents";
    }
}
