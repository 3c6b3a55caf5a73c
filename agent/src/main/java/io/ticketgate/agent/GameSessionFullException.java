package io.ticketgate.agent;

/** The game session has no free player slot for the reservation. */
public final class GameSessionFullException extends TicketgateException {

    public GameSessionFullException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "GameSessionFullException";
    }
}
