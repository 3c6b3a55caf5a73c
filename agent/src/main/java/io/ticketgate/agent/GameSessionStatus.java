package io.ticketgate.agent;

/** The status of a game session, with GameLift's names. */
public enum GameSessionStatus {
    /** Created; the game has not activated it yet. Accepts no reservations. */
    ACTIVATING,
    /** Running and, subject to its creation policy and capacity, accepting players. */
    ACTIVE,
    /** Ending. Accepts no reservations and no connections. */
    TERMINATING,
    /** Ended. Terminal. */
    TERMINATED,
    /** Failed. Terminal. */
    ERROR;

    /** Returns true for TERMINATED and ERROR, which never change again. */
    public boolean isTerminal() {
        return this == TERMINATED || this == ERROR;
    }
}
