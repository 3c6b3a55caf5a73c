package io.ticketgate.agent.control;

/**
 * A call that needs the fleet's Redis could not reach it in time: the caller gets GameLift's
 * InternalServiceException (HTTP 500) with this message, and may retry.
 */
public final class FleetUnavailableException extends RuntimeException {

    public FleetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
