package io.ticketgate.examples.sidecar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a game server does with a signed PROXY v2 header (PROTOCOL.md, "Signed headers"): the
 * signature (TLV 0xE4) must be the HMAC-SHA256, with the secret it shares with the agent, of the
 * address block and TLVs 0xE0..0xE3 and 0xE5 as received, and the signing time (0xE5) recent.
 * Written from the document alone, with the JDK, as a game server in any language would be.
 */
final class SignedHeaderCheck {

    /** How far the signing time may be from this server's clock, either way. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param secret the bytes of the agent's --upstream-secret-file, one trailing newline removed
     * @param clock this game server's clock
     */
    SignedHeaderCheck(byte[] secret, Clock clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /**
     * Checks a header.
     *
     * @param rest the header after its first 16 bytes: the address block, then the TLVs
     * @param addressLength 4 (IPv4) or 16 (IPv6)
     * @throws ForgedHeaderException saying why the header is refused
     */
    void verify(byte[] rest, int addressLength) throws ForgedHeaderException {
        int tlvsAt = 2 * addressLength + 4;
        if (rest.length < tlvsAt) {
            throw new ForgedHeaderException("the header is too short for its addresses");
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(rest, 0, tlvsAt);
        byte[] signature = null;
        byte[] signedAt = null;
        boolean[] seen = new boolean[6];
        for (int at = tlvsAt; at + 3 <= rest.length; ) {
            int type = rest[at] & 0xff;
            int length = ((rest[at + 1] & 0xff) << 8) | (rest[at + 2] & 0xff);
            if (at + 3 + length > rest.length) {
                throw new ForgedHeaderException("a TLV runs past the header");
            }
            if (type >= 0xE0 && type <= 0xE5) {
                if (seen[type - 0xE0]) {
                    throw new ForgedHeaderException("TLV 0x" + Integer.toHexString(type) + " twice");
                }
                seen[type - 0xE0] = true;
                if (type == 0xE4) {
                    signature = Arrays.copyOfRange(rest, at + 3, at + 3 + length);
                } else {
                    signed.write(rest, at, 3 + length);
                    if (type == 0xE5) {
                        signedAt = Arrays.copyOfRange(rest, at + 3, at + 3 + length);
                    }
                }
            }
            at += 3 + length;
        }
        if (signature == null || signature.length != 32 || signedAt == null || signedAt.length != 8) {
            throw new ForgedHeaderException("the header is not signed");
        }
        if (!MessageDigest.isEqual(hmac(signed.toByteArray()), signature)) {
            throw new ForgedHeaderException("wrong signature");
        }
        long age = clock.millis() - ByteBuffer.wrap(signedAt).getLong();
        if (Math.abs(age) > WINDOW.toMillis()) {
            throw new ForgedHeaderException("signed " + age + " ms from now, beyond " + WINDOW.toSeconds() + " s");
        }
    }

    private byte[] hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    /** A header the game server refuses: the connection is closed unread. */
    static final class ForgedHeaderException extends IOException {
        ForgedHeaderException(String message) {
            super(message);
        }
    }
}
