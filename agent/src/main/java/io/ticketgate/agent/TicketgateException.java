package io.ticketgate.agent;

/**
 * A request the agent refused. Each subclass carries the name GameLift gives the same error, so
 * the control API answers with exactly that exception type.
 */
public abstract class TicketgateException extends RuntimeException {

    protected TicketgateException(String message) {
        super(message, null, false, false);
    }

    /** Returns GameLift's name for this error, e.g. {@code GameSessionFullException}. */
    public abstract String errorType();
}
