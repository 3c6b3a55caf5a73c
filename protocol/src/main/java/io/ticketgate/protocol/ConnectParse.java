package io.ticketgate.protocol;

/** What {@link ConnectParser#parse} found in the bytes received so far. */
public sealed interface ConnectParse {

    /** Not enough bytes yet to decide; wait for more. */
    record Incomplete() implements ConnectParse {
        static final Incomplete INSTANCE = new Incomplete();
    }

    /**
     * The bytes can never become a valid CONNECT: answer with {@code code} and close.
     *
     * @param code MALFORMED or UNSUPPORTED_VERSION
     * @param detail why, for the RESULT detail and logs
     */
    record Failure(ResultCode code, String detail) implements ConnectParse {
    }

    /**
     * A whole, valid CONNECT frame.
     *
     * @param frame the decoded frame
     * @param frameLength how many bytes it spans; any bytes after it belong to the game
     */
    record Complete(ConnectFrame frame, int frameLength) implements ConnectParse {
    }
}
