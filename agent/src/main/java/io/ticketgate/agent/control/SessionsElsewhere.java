package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * In a fleet, the sessions other agents hold, as the fleet last copied them: describes through
 * any agent find them too. A standalone agent has {@link #NONE}. Every method may throw
 * {@link FleetUnavailableException} when the fleet could not be asked in time.
 */
public interface SessionsElsewhere {

    /** The player's sessions on any agent (this one's may be among them, as last copied). */
    List<PlayerSession> ofPlayer(String playerId);

    /** A game session of any agent, if the fleet knows it. */
    default Optional<GameSession> gameSession(String gameSessionId) {
        return Optional.empty();
    }

    /** A player session of any agent, if the fleet knows it. */
    default Optional<PlayerSession> playerSession(String playerSessionId) {
        return Optional.empty();
    }

    /**
     * A page of every game session of the fleet, in creation order, this agent's own as
     * {@code own} has them; null for a standalone agent (its own are all there are).
     *
     * @param own this agent's game session by id
     * @throws io.ticketgate.agent.InvalidRequestException for a NextToken not of this listing
     */
    default Page<GameSession> gameSessions(GameSessionStatus status, int limit, String nextToken,
            Function<String, Optional<GameSession>> own) {
        return null;
    }

    /** A game session's player sessions as the fleet last copied them, whichever agent held it. */
    default List<PlayerSession> inGameSession(String gameSessionId) {
        return List.of();
    }

    /**
     * The live agent that holds a game session, when it is another agent of the fleet: the
     * operations on it are passed there.
     *
     * @throws io.ticketgate.agent.InvalidGameSessionStatusException if its agent left the fleet
     */
    default Optional<String> holder(String gameSessionId) {
        return Optional.empty();
    }

    /**
     * Runs an operation at another agent of the fleet and waits for its answer, at most the
     * fleet's command timeout.
     *
     * @return the response structure as AWS JSON 1.1 writes it
     * @throws PeerRefusal as the other agent refused it
     */
    default JsonNode call(String agentId, String operation, JsonNode input) {
        throw new FleetUnavailableException("agent " + agentId + " is not reachable from a standalone agent", null);
    }

    /**
     * Checks that the fleet can be told of a change now: in a fleet, reservations and new game
     * sessions need its Redis, so that no other agent decides without seeing them.
     *
     * @throws FleetUnavailableException if the fleet's Redis is unreachable
     */
    default void requireReachable() {
    }

    /**
     * Chooses the agent a new game session goes to: of the live agents with room, one with the
     * fewest live game sessions, ties broken at random; the one that already has the game
     * session's custom id or idempotency token if one does (it then answers as for a retry).
     *
     * @param customId the IdempotencyToken, else the GameSessionId asked for; null for neither
     * @throws FleetCapacityExceededException if no live agent has room
     */
    default Placement place(String customId) {
        return Placement.HERE;
    }

    /** Where a new game session goes; told afterwards whether it was created. */
    interface Placement {

        /** The agent that creates it; null for this one. */
        String agentId();

        /** The game session was created (or found, for a retry) with this id. */
        void created(String gameSessionId);

        /**
         * It was not created, or it is not known whether it was: the room held for it is given
         * back, and its custom id freed if {@code cause} is a refusal (so it surely was not).
         */
        void failed(RuntimeException cause);

        /** This agent, with no fleet to tell. */
        Placement HERE = new Placement() {
            @Override
            public String agentId() {
                return null;
            }

            @Override
            public void created(String gameSessionId) {
            }

            @Override
            public void failed(RuntimeException cause) {
            }
        };
    }

    SessionsElsewhere NONE = playerId -> List.of();
}
