package io.ticketgate.agent;

/** How a newly created game session becomes ACTIVE. */
public enum GameSessionActivation {
    /** At once, on creation: for a process with no game code to approve it (sidecar). */
    AUTO,
    /** Only when the game calls {@link TicketgateAgent#activateGameSession}. */
    MANUAL
}
