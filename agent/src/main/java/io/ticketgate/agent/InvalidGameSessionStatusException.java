package io.ticketgate.agent;

/** The game session's status or creation policy does not allow the request. */
public final class InvalidGameSessionStatusException extends TicketgateException {

    public InvalidGameSessionStatusException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidGameSessionStatusException";
    }
}
