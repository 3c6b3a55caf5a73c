package io.ticketgate.agent;

/** The request would exceed one of the agent's limits. */
public final class LimitExceededException extends TicketgateException {

    public LimitExceededException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "LimitExceededException";
    }
}
