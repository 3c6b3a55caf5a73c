package io.ticketgate.agent;

/** The request conflicts with an existing resource, such as a game session id already in use. */
public final class ConflictException extends TicketgateException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "ConflictException";
    }
}
