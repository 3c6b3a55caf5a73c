package io.ticketgate.agent.fleet;

/** Redis did not answer in time, or could not be reached. */
public final class FleetUnreachableException extends Exception {

    public FleetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
