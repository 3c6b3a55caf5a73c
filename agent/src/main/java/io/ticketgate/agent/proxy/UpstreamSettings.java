package io.ticketgate.agent.proxy;

import java.time.Duration;

/**
 * Where accepted players are piped to, and how.
 *
 * @param host the game server's host (resolved when the agent starts)
 * @param port the game server's port
 * @param prelude what is written before the player's bytes
 * @param connectTimeout how long to wait for the game server to accept a connection
 * @param secret signs each PROXY v2 header (TLVs 0xE5 and 0xE4); null for unsigned headers
 */
public record UpstreamSettings(String host, int port, UpstreamPrelude prelude, Duration connectTimeout,
        UpstreamSecret secret) {

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
        require(secret == null || prelude == UpstreamPrelude.PROXY_V2,
                "an upstream secret signs the PROXY v2 header, so it needs prelude PROXY_V2");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
