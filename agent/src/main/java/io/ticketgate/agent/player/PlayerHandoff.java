package io.ticketgate.agent.player;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import java.util.concurrent.CompletionStage;

/**
 * Where a validated player goes: the embedded game's listener, or (in sidecar mode) the game
 * server upstream. Both methods are called on the connection's event loop and must not block.
 */
public interface PlayerHandoff {

    /**
     * Offers a player whose session is now ACTIVE. Handlers added to the connection's pipeline
     * before the stage completes with ACCEPTED receive the player's bytes, pipelined ones included.
     *
     * @return a stage completing with ACCEPTED, or the code and detail the player is refused with
     */
    CompletionStage<HandoffVerdict> admit(PlayerSession session, PlayerConnection connection);

    /** The connection of an admitted player ended; called exactly once after each {@link #admit}. */
    void disconnected(PlayerSession session, DisconnectReason reason, PlayerConnection connection);
}
