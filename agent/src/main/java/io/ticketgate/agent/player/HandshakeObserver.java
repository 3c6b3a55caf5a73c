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
}
