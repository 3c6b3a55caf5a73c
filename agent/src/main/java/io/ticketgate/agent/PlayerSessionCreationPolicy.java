package io.ticketgate.agent;

/** Whether a game session accepts new player sessions, with GameLift's names. */
public enum PlayerSessionCreationPolicy {
    ACCEPT_ALL,
    DENY_ALL
}
