package io.ticketgate.agent.proxy;

/** What the agent writes to the game server before the player's bytes. */
public enum UpstreamPrelude {
    /** A PROXY protocol v2 header naming the player (TLVs 0xE0..0xE3; signed with 0xE5 and 0xE4 given a secret). */
    PROXY_V2,
    /** Nothing: the game server sees the player's bytes only. */
    NONE
}
