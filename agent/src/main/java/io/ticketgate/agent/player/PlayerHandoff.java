package io.ticketgate.agent.player;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a validated player goes: the embedded game's listener, or (in sidecar mode) the game
 * server upstream. Both methods are called on the connection's event loop and must not block.
 */
public interface PlayerHandoff {

    /**
     * Returns true if this hand-off must {@link #prepare} a player before the session is claimed:
     * then a refusal from {@code prepare} leaves the session as it was (RESERVED), so the player
     * may retry. The embedded listener needs none; the sidecar connects upstream here.
     */
    default boolean preparesBeforeClaim() {
        return false;
    }

    /**
     * Returns true if the stages of {@link #prepare} and {@link #admit} complete only on the
     * connection's event loop, with every handler they added already in place: then a stage
     * complete when the call returns is acted on at once rather than a turn of the loop later. A
     * stage completed on another thread may come before the handlers that thread added are.
     */
    default boolean completesOnEventLoop() {
        return false;
    }

    /**
     * Readies the way to the game for a player whose session would be accepted, before it is
     * claimed. Called only when {@link #preparesBeforeClaim()}.
     *
     * @return a stage completing with ACCEPTED, or the code the player is refused with
     */
    default CompletionStage<HandoffVerdict> prepare(PlayerSession session, PlayerConnection connection) {
        return CompletableFuture.completedFuture(HandoffVerdict.ACCEPTED);
    }

    /**
     * Undoes a successful {@link #prepare} whose player was then not admitted (the claim lost a
     * race, or the player left); {@link #disconnected} is not called for it.
     */
    default void abandon(PlayerConnection connection) {
    }

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
