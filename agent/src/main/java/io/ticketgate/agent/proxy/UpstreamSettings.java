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

    /**
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public UpstreamSettings {
        require(host != null && !host.isBlank(), "upstream host is required");
        require(port >= 1 && port <= 65_535, "upstream port must be 1..65535, was " + port);
        require(prelude != null, "upstream prelude is required");
        require(connectTimeout != null && connectTimeout.toMillis() >= 1
                && connectTimeout.toMillis() <= Integer.MAX_VALUE,
                "upstream connectTimeout must be 1 ms..24 days, was " + connectTimeout);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
