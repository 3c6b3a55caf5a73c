package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The header's bytes, exactly as PROTOCOL.md shows them. */
@Timeout(10)
class ProxyPreludeEncoderTest {

    /** PROTOCOL.md, "The PROXY v2 header a game server receives": the hex example. */
    private static final String DOCUMENTED_EXAMPLE = String.join("",
            "0d0a0d0a000d0a515549540a", // signature
            "21", // version 2, command PROXY
            "11", // TCP over IPv4
            "003c", // 60 bytes follow
            "c0000207", "cb00710a", "d431", "1e61", // 192.0.2.7:54321 -> 203.0.113.10:7777
            "e0", "0008", "70736573732d3031", // player session id "psess-01"
            "e1", "0009", "706c617965722d3031", // player id "player-01"
            "e2", "0007", "67736573732d31", // game session id "gsess-1"
            "e3", "000c", "7b22656c6f223a313230307d"); // player data {"elo":1200}

    /** PROTOCOL.md, "Signed headers": the worked example's secret and signing time. */
    private static final String EXAMPLE_SECRET = "ticketgate-example-secret";
    private static final Instant EXAMPLE_SIGNING_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private static PlayerSession session(String playerData) {
        return new PlayerSession("psess-01", "player-01", "gsess-1", "fleet-test", "arn:fleet", Instant.EPOCH, null,
                PlayerSessionStatus.ACTIVE, "127.0.0.1", null, 7777, playerData);
    }

    private static String encode(PlayerSession session, InetSocketAddress player, InetSocketAddress agent) {
        return encode(session, player, agent, null);
    }

    private static String encode(PlayerSession session, InetSocketAddress player, InetSocketAddress agent,
            PreludeSigner signer) {
        EmbeddedChannel channel = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        HAProxyMessage message = ProxyPreludeEncoder.encode(session, player, agent, signer);
        assertTrue(channel.writeOutbound(message));
        ByteBuf bytes = channel.readOutbound();
        try {
            return ByteBufUtil.hexDump(bytes);
        } finally {
            bytes.release();
            assertFalse(channel.finish());
        }
    }

    @Test
    void ipv4HeaderMatchesTheDocumentedExample() {
        String hex = encode(session("{\"elo\":1200}"), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777));
        assertEquals(DOCUMENTED_EXAMPLE, hex);
    }

    @Test
    void noPlayerDataMeansNoE3Tlv() {
        String hex = encode(session(null), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777));

        assertEquals(DOCUMENTED_EXAMPLE.substring(0, DOCUMENTED_EXAMPLE.indexOf("e3000c")).replace("003c", "002d"), hex);
    }

    @Test
    void ipv6AddressesTakeTheIpv6Family() {
        String hex = encode(session(null), new InetSocketAddress("2001:db8::7", 54321),
                new InetSocketAddress("2001:db8::1", 7777));

        assertEquals("21" + "21" + "0045" // TCP over IPv6, 36 address bytes + 33 TLV bytes
                + "20010db8000000000000000000000007" + "20010db8000000000000000000000001" + "d431" + "1e61",
                hex.substring(24, 24 + 8 + 64 + 8));
    }

    @Test
    void anIpv4PlayerOnAnIpv6PortIsMapped() {
        String hex = encode(session(null), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("2001:db8::1", 7777));

        assertEquals("2121", hex.substring(24, 28));
        assertEquals("00000000000000000000ffffc0000207", hex.substring(32, 64));
    }

    @Test
    void signedHeaderMatchesTheDocumentedVector() throws IOException {
        String document = Files.readString(Path.of("..", "protocol", "PROTOCOL.md"));
        byte[] documentedHeader = hexBlockAfter(document, "The signed header for them");
        byte[] documentedSignedBytes = hexBlockAfter(document, "The signed bytes M");
        assertTrue(document.contains("secret `" + EXAMPLE_SECRET + "`"));
        assertTrue(document.contains("time " + EXAMPLE_SIGNING_TIME.toEpochMilli()
                + " (" + EXAMPLE_SIGNING_TIME + ")"));

        String hex = encode(session("{\"elo\":1200}"), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777), exampleSigner());

        assertEquals(HexFormat.of().formatHex(documentedHeader), hex);
        assertArrayEquals(documentedSignedBytes, HeaderSignatures.signedBytes(documentedHeader));
        assertArrayEquals(HeaderSignatures.hmacSha256(EXAMPLE_SECRET.getBytes(StandardCharsets.US_ASCII),
                documentedSignedBytes), HeaderSignatures.tlv(documentedHeader, 0xE4));
    }

    @Test
    void theSignatureFollowsTheSigningTimeAfterTheOtherTlvs() {
        byte[] header = HexFormat.of().parseHex(encode(session(null), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777), exampleSigner()));

        String unsigned = encode(session(null), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777));
        // The unsigned TLVs, then 0xE5 (11 bytes) and 0xE4 (35 bytes); N grows by 46.
        assertEquals(unsigned.substring(32), HexFormat.of().formatHex(header, 16, header.length - 46));
        assertEquals("e50008" + "%016x".formatted(EXAMPLE_SIGNING_TIME.toEpochMilli()),
                HexFormat.of().formatHex(header, header.length - 46, header.length - 35));
        assertEquals("e40020", HexFormat.of().formatHex(header, header.length - 35, header.length - 32));
        assertEquals(header.length - 16, ((header[14] & 0xff) << 8) | (header[15] & 0xff));
    }

    @Test
    void twoSessionsSignedWithOneSecretCarryDifferentSignatures() {
        PreludeSigner signer = exampleSigner();
        InetSocketAddress player = new InetSocketAddress("192.0.2.7", 54321);
        InetSocketAddress agent = new InetSocketAddress("203.0.113.10", 7777);
        byte[] first = HexFormat.of().parseHex(encode(session(null), player, agent, signer));
        byte[] second = HexFormat.of().parseHex(encode(new PlayerSession("psess-02", "player-01", "gsess-1",
                "fleet-test", "arn:fleet", Instant.EPOCH, null, PlayerSessionStatus.ACTIVE, "127.0.0.1", null, 7777,
                null), player, agent, signer));

        assertFalse(Arrays.equals(HeaderSignatures.tlv(first, 0xE4), HeaderSignatures.tlv(second, 0xE4)));
        for (byte[] header : List.of(first, second)) {
            assertArrayEquals(HeaderSignatures.hmacSha256(EXAMPLE_SECRET.getBytes(StandardCharsets.US_ASCII),
                    HeaderSignatures.signedBytes(header)), HeaderSignatures.tlv(header, 0xE4));
        }
    }

    @Test
    void anIpv6HeaderSignsItsSixteenByteAddresses() {
        byte[] header = HexFormat.of().parseHex(encode(session("{}"), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("2001:db8::1", 7777), exampleSigner()));

        byte[] signed = HeaderSignatures.signedBytes(header);
        assertEquals("00000000000000000000ffffc0000207" + "20010db8000000000000000000000001" + "d431" + "1e61",
                HexFormat.of().formatHex(signed, 0, 36));
        assertArrayEquals(HeaderSignatures.hmacSha256(EXAMPLE_SECRET.getBytes(StandardCharsets.US_ASCII), signed),
                HeaderSignatures.tlv(header, 0xE4));
    }

    @Test
    void withoutASecretThereIsNoSignatureNorSigningTime() {
        byte[] header = HexFormat.of().parseHex(encode(session("{}"), new InetSocketAddress("192.0.2.7", 54321),
                new InetSocketAddress("203.0.113.10", 7777)));

        assertNull(HeaderSignatures.tlv(header, 0xE4));
        assertNull(HeaderSignatures.tlv(header, 0xE5));
    }

    @Test
    void theSecretNeverShowsInItsText() {
        UpstreamSecret secret = UpstreamSecret.of(EXAMPLE_SECRET.getBytes(StandardCharsets.US_ASCII));
        UpstreamSettings settings = new UpstreamSettings("game", 7000, UpstreamPrelude.PROXY_V2,
                java.time.Duration.ofSeconds(1), secret);

        assertFalse(settings.toString().contains(EXAMPLE_SECRET), settings.toString());
        assertTrue(settings.toString().contains("UpstreamSecret[hidden]"), settings.toString());
    }

    private static PreludeSigner exampleSigner() {
        return new PreludeSigner(UpstreamSecret.of(EXAMPLE_SECRET.getBytes(StandardCharsets.US_ASCII)),
                Clock.fixed(EXAMPLE_SIGNING_TIME, ZoneOffset.UTC));
    }

    /** The bytes of the first text block after {@code marker}: leading hex tokens of each line. */
    private static byte[] hexBlockAfter(String document, String marker) {
        int at = document.indexOf(marker);
        assertTrue(at >= 0, "PROTOCOL.md lacks \"" + marker + "\"");
        int start = document.indexOf("```text", at) + "```text".length();
        StringBuilder hex = new StringBuilder();
        for (String line : document.substring(start, document.indexOf("```", start)).strip().split("\n")) {
            for (String token : line.trim().split(" +")) {
                if (!token.matches("[0-9a-f]{2}")) {
                    break;
                }
                hex.append(token);
            }
        }
        return HexFormat.of().parseHex(hex);
    }
}
