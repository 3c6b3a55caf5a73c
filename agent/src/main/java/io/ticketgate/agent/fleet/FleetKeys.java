package io.ticketgate.agent.fleet;

/**
 * The Redis keys of one fleet. Every key starts with {@code tg:{FLEET_ID}:}; the braces are a
 * Redis Cluster hash tag, so that the fleet's directory keys (agents, placement) share a slot and
 * can be changed together in one script. Game sessions' own keys will be tagged by game session.
 */
final class FleetKeys {

    private final String fleetId;
    private final String prefix;

    FleetKeys(String fleetId) {
        this.fleetId = fleetId;
        this.prefix = "tg:{" + fleetId + "}:";
    }

    String fleetId() {
        return fleetId;
    }

    /** What every key of the fleet's directory starts with. */
    String prefix() {
        return prefix;
    }

    /** Sorted set of places held on an agent for game sessions being created there, scored by expiry. */
    String held(String agentId) {
        return prefix + "agent:" + agentId + ":held";
    }

    /** The agent a custom game session id or idempotency token went to, for the retention. */
    String placed(String customId) {
        return prefix + "placed:" + customId;
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

    /** The channel an agent takes operations on from the other agents. */
    String calls(String agentId) {
        return prefix + "agent:" + agentId + ":calls";
    }

    /** The channel an agent takes the answers to its operations on. */
    String replies(String agentId) {
        return prefix + "agent:" + agentId + ":replies";
    }

    /** Sorted set of every game session of the fleet (live and ended), scored by creation time. */
    String gameSessions() {
        return prefix + "game-sessions";
    }

    /** Hash of agent id to what other agents need of it (address, port, capacity). */
    String agents() {
        return prefix + "agents";
    }
}
