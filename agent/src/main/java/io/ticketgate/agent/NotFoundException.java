package io.ticketgate.agent;

/** A game session or player session with the given id does not exist. */
public final class NotFoundException extends TicketgateException {

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "NotFoundException";
    }
}
