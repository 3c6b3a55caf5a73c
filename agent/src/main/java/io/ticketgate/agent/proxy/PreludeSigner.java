package io.ticketgate.agent.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a PROXY v2 header so the game server can tell it came from an agent holding the shared
 * secret (PROTOCOL.md, "Signed headers"): TLV 0xE5 carries the signing time, TLV 0xE4 the
 * HMAC-SHA256 of the address block and of TLVs 0xE0..0xE3 and 0xE5, each exactly as sent.
 */
final class PreludeSigner {

    /** HMAC-SHA256 of the signed bytes: 32 bytes. */
    static final byte TLV_SIGNATURE = (byte) 0xE4;
    /** When the header was signed: u64, milliseconds since the epoch. */
    static final byte TLV_SIGNED_AT = (byte) 0xE5;

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    /** @param clock the agent's clock: the signing time comes from it */
    PreludeSigner(UpstreamSecret secret, Clock clock) {
        this.key = new SecretKeySpec(secret.key(), HMAC);
        this.clock = clock;
    }

    /**
     * Appends TLV 0xE5 (now) and then TLV 0xE4 (the signature) to {@code tlvs}.
     *
     * @param addressBlock source address, destination address, source port, destination port, as sent
     * @param tlvs TLVs 0xE0..0xE3 in the order they are sent
     */
    void sign(byte[] addressBlock, List<HAProxyTLV> tlvs) {
        ByteBuf signedAt = Unpooled.buffer(Long.BYTES).writeLong(clock.millis());
        tlvs.add(new HAProxyTLV(TLV_SIGNED_AT, signedAt));
        Mac mac = mac();
        mac.update(addressBlock);
        for (HAProxyTLV tlv : tlvs) {
            ByteBuf value = tlv.content();
            mac.update(tlv.typeByteValue());
            mac.update((byte) (value.readableBytes() >>> 8));
            mac.update((byte) value.readableBytes());
            mac.update(value.nioBuffer());
        }
        tlvs.add(new HAProxyTLV(TLV_SIGNATURE, Unpooled.wrappedBuffer(mac.doFinal())));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e);
        }
    }
}
