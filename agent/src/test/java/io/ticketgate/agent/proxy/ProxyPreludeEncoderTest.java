package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.net.InetSocketAddress;
import java.time.Instant;
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

    private static PlayerSession session(String playerData) {
        return new PlayerSession("psess-01", "player-01", "gsess-1", "fleet-test", "arn:fleet", Instant.EPOCH, null,
                PlayerSessionStatus.ACTIVE, "127.0.0.1", null, 7777, playerData);
    }

    private static String encode(PlayerSession session, InetSocketAddress player, InetSocketAddress agent) {
        EmbeddedChannel channel = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        HAProxyMessage message = ProxyPreludeEncoder.encode(session, player, agent);
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
}
