package io.ticketgate.agent.control;

/** Told of every GameLift operation the control API answered, and of what it refused, for metrics. */
@FunctionalInterface
public interface ControlRequestObserver {

    /**
     * @param operation the operation name, or "-" when the request named none the API serves
     * @param errorType the error answered, or null on success
     */
    void request(String operation, String errorType);

    /**
     * A request or connection refused by a control port limit.
     *
     * @param limit which: {@code connections}, {@code rate}, {@code busy}, {@code timeout},
     *     {@code body-size} or {@code event-subscribers}
     */
    default void refused(String limit) {
    }
}
