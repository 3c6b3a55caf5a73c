package io.ticketgate.agent.control;

import io.ticketgate.agent.PlayerSession;
import java.util.List;

/**
 * In a fleet, where a player's sessions held by other agents are found: describes by player id
 * through any agent list them too. A standalone agent has {@link #NONE}.
 */
public interface PlayerSessionsElsewhere {

    /**
     * Returns the player's sessions the fleet knows of, any agent's (this one's may be among them,
     * as last copied).
     *
     * @throws FleetUnavailableException if the fleet could not be asked in time
     */
    List<PlayerSession> ofPlayer(String playerId);

    PlayerSessionsElsewhere NONE = playerId -> List.of();
}
