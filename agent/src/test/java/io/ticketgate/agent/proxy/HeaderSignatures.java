package io.ticketgate.agent.proxy;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a game server does with a signed PROXY v2 header, written from PROTOCOL.md ("Signed
 * headers") and not from the agent's code: finds TLVs in the bytes received and recomputes M.
 */
final class HeaderSignatures {

    private static final int FIXED_HEADER_BYTES = 16;

    private HeaderSignatures() {
    }

    /** Returns M: the address block and TLVs 0xE0..0xE3 and 0xE5, as received, in order. */
    static byte[] signedBytes(byte[] header) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        int tlvsAt = tlvsAt(header);
        signed.write(header, FIXED_HEADER_BYTES, tlvsAt - FIXED_HEADER_BYTES);
        for (int at = tlvsAt; at < header.length; at += 3 + length(header, at)) {
            int type = header[at] & 0xff;
            if (type >= 0xE0 && type <= 0xE5 && type != 0xE4) {
                signed.write(header, at, 3 + length(header, at));
            }
        }
        return signed.toByteArray();
    }

    /** Returns the value of the TLV of {@code type}, or null if the header has none. */
    static byte[] tlv(byte[] header, int type) {
        for (int at = tlvsAt(header); at < header.length; at += 3 + length(header, at)) {
            if ((header[at] & 0xff) == type) {
                return Arrays.copyOfRange(header, at + 3, at + 3 + length(header, at));
            }
        }
        return null;
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static int tlvsAt(byte[] header) {
        int addressLength = header[13] == 0x11 ? 4 : 16;
        return FIXED_HEADER_BYTES + 2 * addressLength + 4;
    }

    private static int length(byte[] header, int at) {
        return ((header[at + 1] & 0xff) << 8) | (header[at + 2] & 0xff);
    }
}
