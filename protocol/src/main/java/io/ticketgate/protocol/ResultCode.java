package io.ticketgate.protocol;

/**
 * The one-byte code of a TGT/1 RESULT frame. The wire value stands beside each name and never
 * changes; new codes are only ever appended.
 */
public enum ResultCode {
    /** The player session was validated; the connection now belongs to the game. */
    ACCEPTED(0),
    /** The CONNECT frame broke the format (bad magic, bad lengths, repeated or missing fields). */
    MALFORMED(1),
    /** The magic was "TGT" but the version byte is not one this agent speaks. */
    UNSUPPORTED_VERSION(2),
    /** No player session has this id. */
    UNKNOWN_SESSION(3),
    /** The reservation was not claimed in time and became TIMEDOUT. */
    SESSION_TIMED_OUT(4),
    /** The player session already has a live connection. */
    SESSION_ALREADY_ACTIVE(5),
    /** The player session has ended (COMPLETED). */
    SESSION_COMPLETED(6),
    /** The game session of this player session is not accepting players. */
    GAME_SESSION_UNAVAILABLE(7),
    /** The game refused the player. */
    REJECTED_BY_GAME(8),
    /** The agent or the game could not take the player now; a later attempt may succeed. */
    BUSY(9),
    /** The CONNECT frame did not arrive within the handshake timeout. */
    HANDSHAKE_TIMEOUT(10),
    /** The agent could not reach the game server to pipe the player to (sidecar mode). */
    UPSTREAM_UNAVAILABLE(11),
    /** The agent is shutting down and takes no new players. */
    SHUTTING_DOWN(12);

    private static final ResultCode[] BY_WIRE_VALUE = values();

    private final int wireValue;

    ResultCode(int wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * Returns the byte this code is sent as.
     *
     * @return the wire value, 0..255
     */
    public int wireValue() {
        return wireValue;
    }

    /**
     * Returns the code sent as {@code wireValue}.
     *
     * @param wireValue the byte received, 0..255
     * @return the code
     * @throws IllegalArgumentException if no code has that value
     */
    public static ResultCode fromWireValue(int wireValue) {
        if (wireValue < 0 || wireValue >= BY_WIRE_VALUE.length) {
            throw new IllegalArgumentException("unknown TGT/1 result code " + wireValue);
        }
        return BY_WIRE_VALUE[wireValue];
    }
}
