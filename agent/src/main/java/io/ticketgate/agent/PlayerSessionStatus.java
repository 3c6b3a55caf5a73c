package io.ticketgate.agent;

/** The status of a player session, with GameLift's names. */
public enum PlayerSessionStatus {
    /** A slot is held for the player, who has not connected yet. */
    RESERVED,
    /** The player connected and was validated. */
    ACTIVE,
    /** The player left, was removed, or the game session ended. Terminal. */
    COMPLETED,
    /** The player did not connect within the reservation timeout. Terminal. */
    TIMEDOUT;

    /** Returns true for COMPLETED and TIMEDOUT, which never change again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == TIMEDOUT;
    }

    /** Returns true for the statuses that hold a slot of the game session: RESERVED and ACTIVE. */
    public boolean holdsSlot() {
        return !isTerminal();
    }
}
