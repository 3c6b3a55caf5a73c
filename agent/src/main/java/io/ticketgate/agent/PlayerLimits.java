package io.ticketgate.agent;

import io.ticketgate.agent.runtime.AgentDefaults;

/**
 * What one address may take of the player port, beside the total {@code maxConnections}, so that
 * a flood or a scanner cannot keep other players out. A connection over any limit is answered
 * BUSY and closed at once, before its CONNECT is read: its reservation is untouched. IPv6
 * addresses count by their /64, the block one host is usually given. Give one to
 * {@link TicketgateAgent.Builder#playerLimits}; {@link #defaults()} are the sidecar's defaults.
 *
 * @param maxConnectionsPerAddress open connections from one address at most, handshaking or
 *     playing; the default (256) lets a 200-player match start at once from one NAT address
 * @param handshakesPerSecondPerAddress new connections per second from one address, as a token
 *     bucket that holds {@code max(256, this)} tokens: a burst of that many, then this many a second
 * @param maxPendingHandshakes connections that have not yet finished their CONNECT, from all
 *     addresses together
 */
public record PlayerLimits(int maxConnectionsPerAddress, int handshakesPerSecondPerAddress, int maxPendingHandshakes) {

    /** The smallest burst of the handshake rate's bucket: a whole 200-player match, with room. */
    public static final int MIN_HANDSHAKE_BURST = 256;

    /** @throws IllegalArgumentException naming the first limit out of range */
    public PlayerLimits {
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        requirePositive("handshakesPerSecondPerAddress", handshakesPerSecondPerAddress);
        requirePositive("maxPendingHandshakes", maxPendingHandshakes);
    }

    /** The defaults: 256 connections and 100 handshakes a second (burst 256) per address, 2,000 pending. */
    public static PlayerLimits defaults() {
        return new PlayerLimits(AgentDefaults.MAX_CONNECTIONS_PER_ADDRESS, AgentDefaults.HANDSHAKES_PER_SECOND_PER_ADDRESS,
                AgentDefaults.MAX_PENDING_HANDSHAKES);
    }

    /** Returns how many handshakes one address may start at once before the rate applies. */
    public int handshakeBurst() {
        return Math.max(MIN_HANDSHAKE_BURST, handshakesPerSecondPerAddress);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
