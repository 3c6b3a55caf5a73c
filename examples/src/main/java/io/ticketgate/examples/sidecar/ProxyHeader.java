package io.ticketgate.examples.sidecar;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The PROXY protocol v2 header the Ticketgate sidecar writes before a player's bytes, read with
 * nothing but the JDK: what a game server in any language does (see PROTOCOL.md).
 *
 * @param sourceAddress the player's address
 * @param sourcePort the player's port
 * @param playerSessionId TLV 0xE0
 * @param playerId TLV 0xE1
 * @param gameSessionId TLV 0xE2
 * @param playerData TLV 0xE3; null when the session has none
 */
record ProxyHeader(String sourceAddress, int sourcePort, String playerSessionId, String playerId,
        String gameSessionId, String playerData) {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int VERSION_2_PROXY = 0x21;
    private static final int TCP_OVER_IPV4 = 0x11;
    private static final int TCP_OVER_IPV6 = 0x21;

    /** Reads exactly the header from {@code in}, signed or not; the player's own bytes follow it. */
    static ProxyHeader read(InputStream in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads exactly the header from {@code in}; the player's own bytes follow it.
     *
     * @param check the signature check the header must pass; null to take any header
     * @throws SignedHeaderCheck.ForgedHeaderException if it does not pass
     */
    static ProxyHeader read(InputStream in, SignedHeaderCheck check) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] signature = new byte[SIGNATURE.length];
        data.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a PROXY v2 header");
        }
        int versionAndCommand = data.readUnsignedByte();
        int family = data.readUnsignedByte();
        byte[] rest = new byte[data.readUnsignedShort()];
        data.readFully(rest);
        if (versionAndCommand != VERSION_2_PROXY || (family != TCP_OVER_IPV4 && family != TCP_OVER_IPV6)) {
            throw new IOException("expected PROXY over TCP, got command 0x" + Integer.toHexString(versionAndCommand)
                    + " family 0x" + Integer.toHexString(family));
        }
        int addressLength = family == TCP_OVER_IPV4 ? 4 : 16;
        if (check != null) {
            check.verify(rest, addressLength);
        }
        String source = InetAddress.getByAddress(Arrays.copyOfRange(rest, 0, addressLength)).getHostAddress();
        int ports = 2 * addressLength;
        int sourcePort = ((rest[ports] & 0xff) << 8) | (rest[ports + 1] & 0xff);
        String[] tlvs = new String[4];
        for (int at = ports + 4; at + 3 <= rest.length; ) {
            int type = rest[at] & 0xff;
            int length = ((rest[at + 1] & 0xff) << 8) | (rest[at + 2] & 0xff);
            if (type >= 0xE0 && type <= 0xE3) {
                tlvs[type - 0xE0] = new String(rest, at + 3, length, StandardCharsets.UTF_8);
            }
            at += 3 + length;
        }
        return new ProxyHeader(source, sourcePort, tlvs[0], tlvs[1], tlvs[2], tlvs[3]);
    }
}
