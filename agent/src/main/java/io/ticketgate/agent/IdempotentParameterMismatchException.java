package io.ticketgate.agent;

/** An idempotency token was reused with different parameters. */
public final class IdempotentParameterMismatchException extends TicketgateException {

    public IdempotentParameterMismatchException(String message) {
        super(message);
    }

    @Override
    public String errorType() {
        return "IdempotentParameterMismatchException";
    }
}
