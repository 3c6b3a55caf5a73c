package io.ticketgate.agent.control;

import io.ticketgate.agent.TicketgateException;

/** Another agent of the fleet refused an operation passed to it: the caller gets the same error. */
public final class PeerRefusal extends TicketgateException {

    private final String errorType;

    public PeerRefusal(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    @Override
    public String errorType() {
        return errorType;
    }
}
