package io.ticketgate.agent;

/** A parameter is missing, malformed, or outside its allowed range; the message names it. */
public final class InvalidRequestException extends TicketgateException {

    public InvalidRequestException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "InvalidRequestException";
    }
}
