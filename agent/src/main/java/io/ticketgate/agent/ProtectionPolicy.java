package io.ticketgate.agent;

/**
 * GameLift's game session protection policy. Ticketgate records it and reports it; it does not
 * scale hosts down, so it changes nothing else.
 */
public enum ProtectionPolicy {
    NoProtection,
    FullProtection
}
