package io.ticketgate.agent.control.auth;

/**
 * A request the control API refuses to run: its message says which {@link Refusal} and why, and
 * never holds a secret. Without a stack trace: hostile input must not flood logs.
 */
public final class UnauthorizedException extends Exception {

    /** The error's name on the wire, as GameLift names it. */
    public static final String ERROR_TYPE = "UnauthorizedException";

    UnauthorizedException(String message) {
        super(message, null, false, false);
    }
}
