package io.ticketgate.examples.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The demo game server's signature check, against PROTOCOL.md's signed example header. */
class SignedHeaderCheckTest {

    /** PROTOCOL.md, "Signed headers": the worked example's secret and signing time. */
    static final byte[] EXAMPLE_SECRET = "ticketgate-example-secret".getBytes(StandardCharsets.US_ASCII);
    static final Instant EXAMPLE_SIGNING_TIME = Instant.ofEpochMilli(1767225600000L);
    /** The signed header's length: its 0xE4 value is its last 32 bytes, its 0xE0 value at 31..38. */
    private static final int SIGNATURE_AT = 122 - 32;
    private static final int PLAYER_SESSION_ID_AT = 31;

    static byte[] signedExampleHeader() throws IOException {
        return ProtocolDocument.hexBlockAfter("The signed header for them");
    }

    private static ProxyHeader read(byte[] header, Instant now) throws IOException {
        SignedHeaderCheck check = new SignedHeaderCheck(EXAMPLE_SECRET, Clock.fixed(now, ZoneOffset.UTC));
        return ProxyHeader.read(new ByteArrayInputStream(header), check);
    }

    private static String refusal(byte[] header, Instant now) {
        return assertThrows(SignedHeaderCheck.ForgedHeaderException.class, () -> read(header, now)).getMessage();
    }

    @Test
    void theDocumentedSignedHeaderPassesWithinThirtySecondsOfItsSigningTime() throws IOException {
        ProxyHeader expected = new ProxyHeader("192.0.2.7", 54321, "psess-01", "player-01", "gsess-1",
                "{\"elo\":1200}");
        for (Duration skew : new Duration[] {Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(-30)}) {
            assertEquals(expected, read(signedExampleHeader(), EXAMPLE_SIGNING_TIME.plus(skew)), skew.toString());
        }
    }

    @Test
    void aHeaderWithAWrongSignatureIsRefused() throws IOException {
        byte[] header = signedExampleHeader();
        header[SIGNATURE_AT + 5] ^= 0x01;

        assertEquals("wrong signature", refusal(header, EXAMPLE_SIGNING_TIME));
    }

    @Test
    void aHeaderNamingAnotherPlayerSessionIsRefused() throws IOException {
        byte[] header = signedExampleHeader();
        header[PLAYER_SESSION_ID_AT + 7] = '2'; // psess-02, the signature unchanged

        assertEquals("wrong signature", refusal(header, EXAMPLE_SIGNING_TIME));
    }

    @Test
    void aHeaderSignedWithAnotherSecretIsRefused() throws IOException {
        SignedHeaderCheck check = new SignedHeaderCheck("another secret".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(EXAMPLE_SIGNING_TIME, ZoneOffset.UTC));

        assertThrows(SignedHeaderCheck.ForgedHeaderException.class,
                () -> ProxyHeader.read(new ByteArrayInputStream(signedExampleHeader()), check));
    }

    @Test
    void aStaleSigningTimeIsRefused() throws IOException {
        assertEquals("signed 30001 ms from now, beyond 30 s",
                refusal(signedExampleHeader(), EXAMPLE_SIGNING_TIME.plusMillis(30_001)));
        assertEquals("signed -30001 ms from now, beyond 30 s",
                refusal(signedExampleHeader(), EXAMPLE_SIGNING_TIME.minusMillis(30_001)));
    }

    @Test
    void anUnsignedHeaderIsRefused() throws IOException {
        byte[] unsigned = ProtocolDocument.hexBlockAfter("The header for player session `psess-01`");

        assertEquals("the header is not signed", refusal(unsigned, EXAMPLE_SIGNING_TIME));
    }

    @Test
    void aSignatureCutShortIsRefused() throws IOException {
        byte[] header = Arrays.copyOf(signedExampleHeader(), 121);
        header[SIGNATURE_AT - 1] = 31; // 0xE4's length: 31
        header[15]--; // N

        assertEquals("the header is not signed", refusal(header, EXAMPLE_SIGNING_TIME));
    }
}
