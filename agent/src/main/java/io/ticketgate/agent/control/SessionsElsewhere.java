package io.ticketgate.agent.control;

import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import java.util.List;
import java.util.Optional;

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

    SessionsElsewhere NONE = playerId -> List.of();
}
