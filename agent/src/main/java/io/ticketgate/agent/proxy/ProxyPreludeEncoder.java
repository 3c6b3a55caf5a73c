package io.ticketgate.agent.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import io.netty.util.NetUtil;
import io.ticketgate.agent.PlayerSession;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an admitted player into the PROXY protocol v2 header the game server reads first
 * (PROTOCOL.md, "The PROXY v2 header a game server receives"); Netty's
 * {@link io.netty.handler.codec.haproxy.HAProxyMessageEncoder} writes its bytes.
 */
final class ProxyPreludeEncoder {

    /** TLV types in the range PROXY v2 leaves to applications (0xE0..0xEF); values are UTF-8. */
    static final byte TLV_PLAYER_SESSION_ID = (byte) 0xE0;
    static final byte TLV_PLAYER_ID = (byte) 0xE1;
    static final byte TLV_GAME_SESSION_ID = (byte) 0xE2;
    /** Absent when the session has no player data. */
    static final byte TLV_PLAYER_DATA = (byte) 0xE3;
    // 0xE4 and 0xE5, the signature and its time, are PreludeSigner's.

    /** How an IPv4 address is written where the other one is IPv6 (RFC 4291, 2.5.5.2). */
    private static final String IPV4_MAPPED_PREFIX = "::ffff:";

    private ProxyPreludeEncoder() {
    }

    /** Returns the header for {@code session}, unsigned. */
    static HAProxyMessage encode(PlayerSession session, InetSocketAddress player, InetSocketAddress agent) {
        return encode(session, player, agent, null);
    }

    /**
     * Returns the header for {@code session}, which the caller writes (and so releases).
     *
     * @param session the player's session
     * @param player the player's address: the source
     * @param agent the agent's player-port address the player connected to: the destination
     * @param signer adds TLVs 0xE5 and 0xE4 after the others; null for none
     */
    static HAProxyMessage encode(PlayerSession session, InetSocketAddress player, InetSocketAddress agent,
            PreludeSigner signer) {
        List<HAProxyTLV> tlvs = new ArrayList<>(6);
        tlvs.add(tlv(TLV_PLAYER_SESSION_ID, session.playerSessionId()));
        tlvs.add(tlv(TLV_PLAYER_ID, session.playerId()));
        tlvs.add(tlv(TLV_GAME_SESSION_ID, session.gameSessionId()));
        if (session.playerData() != null) {
            tlvs.add(tlv(TLV_PLAYER_DATA, session.playerData()));
        }
        boolean ipv4 = player.getAddress() instanceof Inet4Address && agent.getAddress() instanceof Inet4Address;
        String source = address(player, ipv4);
        String destination = address(agent, ipv4);
        try {
            if (signer != null) {
                signer.sign(addressBlock(source, destination, player.getPort(), agent.getPort()), tlvs);
            }
            return new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                    ipv4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                    source, destination, player.getPort(), agent.getPort(), tlvs);
        } catch (RuntimeException e) {
            tlvs.forEach(HAProxyTLV::release);
            throw e;
        }
    }

    private static HAProxyTLV tlv(byte type, String value) {
        return new HAProxyTLV(type, Unpooled.copiedBuffer(value, StandardCharsets.UTF_8));
    }

    /** The address block as HAProxyMessageEncoder writes it: the bytes the signature covers. */
    private static byte[] addressBlock(String source, String destination, int sourcePort, int destinationPort) {
        byte[] from = NetUtil.createByteArrayFromIpAddressString(source);
        byte[] to = NetUtil.createByteArrayFromIpAddressString(destination);
        return ByteBuffer.allocate(from.length + to.length + 4).put(from).put(to)
                .putShort((short) sourcePort).putShort((short) destinationPort).array();
    }

    /** Both addresses share one family in the header: an IPv4 one beside an IPv6 one is mapped. */
    private static String address(InetSocketAddress socketAddress, boolean ipv4Header) {
        // NetUtil drops an IPv6 scope id, which the header has no room for.
        String text = NetUtil.toAddressString(socketAddress.getAddress());
        return !ipv4Header && socketAddress.getAddress() instanceof Inet4Address ? IPV4_MAPPED_PREFIX + text : text;
    }
}
