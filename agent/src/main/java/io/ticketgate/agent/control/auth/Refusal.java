package io.ticketgate.agent.control.auth;

/**
 * Why a request was refused, as the start of its error message: the four cases a caller must
 * be able to tell apart.
 */
public enum Refusal {
    MISSING_SIGNATURE("missing signature"),
    UNKNOWN_KEY("unknown key"),
    SIGNATURE_MISMATCH("signature mismatch"),
    REQUEST_TOO_OLD("request too old");

    private final String text;

    Refusal(String text) {
        this.text = text;
    }

    /** Returns the refusal with what exactly was wrong, e.g. {@code unknown key: AKID is not accepted}. */
    UnauthorizedException because(String detail) {
        return new UnauthorizedException(text + ": " + detail);
    }
}
