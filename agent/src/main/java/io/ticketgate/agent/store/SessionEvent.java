package io.ticketgate.agent.store;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;

/** A change the store made: the one stream every observer (game, metrics, journal) reads. */
public sealed interface SessionEvent {

    /** What happened to a player session. */
    enum PlayerChange {
        RESERVED, ACTIVATED, RECONNECTED, DISCONNECTED, COMPLETED, GRACE_EXPIRED, TIMED_OUT,
        /** ACTIVE back to RESERVED: the game did not answer in time; the player may try again. */
        RELEASED
    }

    /** What happened to a game session. */
    enum GameChange {
        CREATED, ACTIVATED, UPDATED, ENDED
    }

    /**
     * @param session the player session after the change
     * @param change what happened
     * @param reason why the connection ended, for DISCONNECTED, COMPLETED, GRACE_EXPIRED and RELEASED;
     *     null otherwise
     */
    record PlayerSessionChanged(PlayerSession session, PlayerChange change, DisconnectReason reason)
            implements SessionEvent {
    }

    /**
     * @param session the game session after the change
     * @param change what happened
     */
    record GameSessionChanged(GameSession session, GameChange change) implements SessionEvent {
    }
}
