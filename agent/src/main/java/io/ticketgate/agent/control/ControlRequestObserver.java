package io.ticketgate.agent.control;

/** Told of every GameLift operation the control API answered, for metrics. */
@FunctionalInterface
public interface ControlRequestObserver {

    /**
     * @param operation the operation name, or "-" when the request named none the API serves
     * @param errorType the error answered, or null on success
     */
    void request(String operation, String errorType);
}
