package io.ticketgate.agent.tls;

/**
 * Which ports speak TLS, and with which files.
 *
 * @param player the player port's certificate and key; null for plaintext TGT/1
 * @param control the control API's certificate and key; null for plain HTTP
 */
public record TlsSettings(TlsFiles player, TlsFiles control) {

    /** Plaintext on both ports. */
    public static final TlsSettings NONE = new TlsSettings(null, null);
}
