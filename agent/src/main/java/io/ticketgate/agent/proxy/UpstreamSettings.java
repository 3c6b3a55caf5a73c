package io.ticketgate.agent.proxy;

import java.time.Duration;

/**
 * Where accepted players are piped to, and how.
 *
 * @param host the game server's host (resolved when the agent starts)
 * @param port the game server's port
 * @param prelude what is written before the player's bytes
 * @param connectTimeout how long to wait for the game server to accept a connection
 */
public record UpstreamSettings(String host, int port, UpstreamPrelude prelude, Duration connectTimeout) {
}
