package io.ticketgate.agent;

import java.util.concurrent.CompletionStage;

/**
 * What the agent tells an embedded game. Every method runs on the agent's callback executor,
 * never on a network thread, and the calls for one player session arrive in order. A method may
 * block briefly, but a slow {@link #onPlayerAccepted} costs the player: if its stage does not
 * complete within the admission timeout, the player gets BUSY.
 *
 * <p>Every call of {@link #onPlayerAccepted} is followed by exactly one call of
 * {@link #onPlayerDisconnected} for that connection, whatever the admission's outcome.
 */
public interface TicketgateListener {

    /**
     * A player connected with a valid player session id; the session is now ACTIVE. Add the
     * game's handlers to {@code connection.pipeline()} here, then let the player in or veto.
     *
     * @param session the ACTIVE player session, with its PlayerData
     * @param connection the player's connection
     * @return a stage that completes with the answer, {@link Admission#accept()} or
     *     {@link Admission#reject(String)}, when the game has decided ({@link Admission#accepted()}
     *     and {@link Admission#rejected(String)} are such stages, already complete, for a listener
     *     that decides at once). A stage that fails, or a method that throws, rejects the player
     *     (REJECTED_BY_GAME).
     */
    CompletionStage<Admission> onPlayerAccepted(PlayerSession session, PlayerConnection connection);

    /**
     * A player's connection ended. If {@code session.status()} is still ACTIVE, the session is in
     * its reconnect grace and the player may come back ({@link PlayerConnection#isReconnect()});
     * if it is RESERVED, the admission timed out and the player may retry; otherwise it has ended.
     *
     * @param session the player session after the disconnect
     * @param reason why the connection ended
     */
    default void onPlayerDisconnected(PlayerSession session, DisconnectReason reason) {
    }

    /**
     * A player whose connection dropped did not come back within the reconnect grace; the session
     * is now COMPLETED. Never called when the grace is 0 (the default).
     *
     * @param session the COMPLETED player session
     */
    default void onReconnectGraceExpired(PlayerSession session) {
    }

    /**
     * A reservation was not claimed within the reservation timeout; the session is now TIMEDOUT
     * and its slot is free again.
     *
     * @param session the TIMEDOUT player session
     */
    default void onReservationTimedOut(PlayerSession session) {
    }

    /**
     * A game session was created (by the API or the control API). With manual activation, call
     * {@link TicketgateAgent#activateGameSession} once the game is ready for it.
     *
     * @param session the new game session
     */
    default void onGameSessionCreated(GameSession session) {
    }
}
