package io.ticketgate.agent;

/** Why a player's connection ended, as told to {@link TicketgateListener#onPlayerDisconnected}. */
public enum DisconnectReason {
    /** The player closed the connection or the network dropped it. */
    CONNECTION_CLOSED,
    /** The player session was removed (kicked) through the API. */
    REMOVED,
    /** The player's game session ended. */
    GAME_SESSION_ENDED,
    /** The agent stopped. */
    AGENT_STOPPED,
    /** The game vetoed the player, or its accept callback failed. */
    REJECTED_BY_GAME,
    /**
     * The game did not answer the accept callback in time; the player got BUSY. The claim is
     * undone: the session is RESERVED again (or still in its reconnect grace), so the player may
     * retry until its deadline.
     */
    ADMISSION_TIMED_OUT,
    /**
     * Sidecar mode only: the game server could not take the player (it refused or dropped the
     * upstream connection before the player was in); the player got UPSTREAM_UNAVAILABLE and the
     * session is RESERVED again, so the player may retry.
     */
    UPSTREAM_UNAVAILABLE
}
