package io.ticketgate.agent.fleet;

import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an agent that was away from its fleet (restarted from its data dir, or cut off from
 * Redis past its heartbeat timeout) in line with what the fleet decided meanwhile: Redis wins.
 * A game session or player session the fleet ended (a survivor took the agent for dead) is ended
 * here too, so no player of it is let in; what Redis does not have (it lost it) is copied to it
 * by the agent's rejoin, as before.
 */
final class FleetReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(FleetReconciliation.class);

    private final FleetConnection redis;

    FleetReconciliation(FleetConnection redis) {
        this.redis = redis;
    }

    /**
     * Ends in {@code store} what the fleet's copies say has ended.
     *
     * @return how many game and player sessions were ended here
     * @throws FleetUnreachableException if Redis does not answer
     */
    int reconcile(SessionStore store) throws FleetUnreachableException {
        List<List<StoredState>> live = new ArrayList<>();
        store.forEachGameSessionState(states -> {
            if (!((StoredState.Game) states.get(0)).status().isTerminal()) {
                live.add(states);
            }
        });
        int ended = 0;
        for (List<StoredState> states : live) {
            StoredState.Game game = (StoredState.Game) states.get(0);
            String id = game.gameSessionId();
            byte[] gameCopy = FleetConnection.await(redis.binary().get(FleetMirror.gameKey(id)), "read a game session");
            if (FleetRecords.decode(gameCopy) instanceof StoredState.Game copy && copy.status().isTerminal()) {
                ended += end(() -> store.endGameSession(id));
                continue;
            }
            Map<String, byte[]> players = FleetConnection.await(redis.binary().hgetall(FleetMirror.playersKey(id)),
                    "read its player sessions");
            for (StoredState state : states.subList(1, states.size())) {
                StoredState.Player player = (StoredState.Player) state;
                if (!player.status().isTerminal()
                        && FleetRecords.decode(players.get(player.playerSessionId())) instanceof StoredState.Player copy
                        && copy.status().isTerminal()) {
                    ended += end(() -> store.removePlayerSession(player.playerSessionId()));
                }
            }
        }
        if (ended > 0) {
            LOG.warn("Fleet: ended {} sessions here that the fleet ended while this agent was away", ended);
        }
        return ended;
    }

    private static int end(Runnable ending) {
        try {
            ending.run();
            return 1;
        } catch (TicketgateException alreadyEnded) {
            return 0;
        }
    }
}
