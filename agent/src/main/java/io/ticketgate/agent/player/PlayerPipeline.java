package io.ticketgate.agent.player;

/** Names of the handlers on a player connection's pipeline, in order. */
public final class PlayerPipeline {

    /** Present only on a TLS player port; stays for the connection's life, ahead of the game's handlers. */
    public static final String TLS = "ticketgate-tls";
    /** Present only when the connection limit was reached: answers BUSY and closes. */
    public static final String REFUSE = "ticketgate-refuse";
    public static final String HANDSHAKE_TIMEOUT = "ticketgate-handshake-timeout";
    public static final String HANDSHAKE_DECODER = "ticketgate-handshake-decoder";
    public static final String HANDSHAKE = "ticketgate-handshake";

    private PlayerPipeline() {
    }
}
