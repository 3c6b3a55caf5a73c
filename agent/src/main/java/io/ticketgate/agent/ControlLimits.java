package io.ticketgate.agent;

import io.ticketgate.agent.runtime.AgentDefaults;
import java.time.Duration;

/**
 * What one client may take of the control port (the control API, the local API and its event
 * stream), so that none can hold it, or the process's file descriptors, forever. Give one to
 * {@link TicketgateAgent.Builder#controlLimits}; {@link #defaults()} are the sidecar's defaults.
 *
 * @param headerTimeout a request's headers must all arrive within this of its first byte (or of
 *     the connection opening)
 * @param bodyTimeout a request's body must all arrive within this of its headers
 * @param idleTimeout a kept-alive connection may wait this long for its next request
 * @param maxConnections open connections at most, event streams included; more are closed at once
 * @param maxBodyBytes the largest request body
 * @param requestsPerSecond operations served per second at most, over all clients; 0 for no bound
 */
public record ControlLimits(
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        int maxConnections,
        int maxBodyBytes,
        int requestsPerSecond) {

    /**
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public ControlLimits {
        requirePositive("headerTimeout", headerTimeout);
        requirePositive("bodyTimeout", bodyTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 (no bound) or more, was "
                    + requestsPerSecond);
        }
    }

    /** The defaults: 10 s for headers, 30 s for a body, 60 s idle, 512 connections, 2 MiB, 1,000 a second. */
    public static ControlLimits defaults() {
        return new ControlLimits(AgentDefaults.CONTROL_HEADER_TIMEOUT, AgentDefaults.CONTROL_BODY_TIMEOUT,
                AgentDefaults.CONTROL_IDLE_TIMEOUT, AgentDefaults.CONTROL_MAX_CONNECTIONS,
                AgentDefaults.CONTROL_MAX_BODY_BYTES, AgentDefaults.CONTROL_REQUESTS_PER_SECOND);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
        }
    }
}
