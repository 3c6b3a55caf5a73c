package io.ticketgate.agent.player;

import io.ticketgate.protocol.ResultCode;

/** Told of every handshake's outcome, for metrics. Called on an event loop: must not block. */
@FunctionalInterface
public interface HandshakeObserver {

    /**
     * @param code the RESULT the player got
     * @param latencyNanos from the connection opening to the RESULT
     */
    void handshake(ResultCode code, long latencyNanos);

    /**
     * A connection was answered BUSY before its CONNECT was read, being over a limit.
     *
     * @param limit which: connections, connections-per-address, handshake-rate or pending-handshakes
     */
    default void refusedAtLimit(String limit) {
    }
}
