package io.ticketgate.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The CONNECT frame a player sends first on a new connection.
 *
 * @param playerSessionId the player session id, 1..1024 UTF-8 bytes
 */
public record ConnectFrame(String playerSessionId) {

    /**
     * Checks that the id can be sent.
     *
     * @param playerSessionId the player session id
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is empty, longer than 1024 UTF-8 bytes, or holds
     *     an unpaired surrogate (which has no UTF-8 form)
     */
    public ConnectFrame {
        Objects.requireNonNull(playerSessionId, "playerSessionId");
        requireWellFormed(playerSessionId);
        int length = ByteBufUtil.utf8Bytes(playerSessionId);
        if (length < Tgt.MIN_PLAYER_SESSION_ID_LENGTH || length > Tgt.MAX_PLAYER_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("player session id must be 1.." + Tgt.MAX_PLAYER_SESSION_ID_LENGTH
                    + " UTF-8 bytes, was " + length);
        }
    }

    /**
     * Returns the number of bytes {@link #encode} writes.
     *
     * @return the frame's length in bytes
     */
    public int encodedLength() {
        return Tgt.CONNECT_HEADER_LENGTH + Tgt.FIELD_HEADER_LENGTH + ByteBufUtil.utf8Bytes(playerSessionId);
    }

    /**
     * Writes this frame to {@code out}: the header, then the player session id field.
     *
     * @param out the buffer to append to; it grows as needed
     */
    public void encode(ByteBuf out) {
        byte[] id = playerSessionId.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Tgt.MAGIC);
        out.writeByte(Tgt.VERSION);
        out.writeShort(Tgt.FIELD_HEADER_LENGTH + id.length);
        out.writeByte(Tgt.TAG_PLAYER_SESSION_ID);
        out.writeShort(id.length);
        out.writeBytes(id);
    }

    /**
     * Returns this frame's bytes.
     *
     * @return a new array holding exactly the frame
     */
    public byte[] toBytes() {
        byte[] bytes = new byte[encodedLength()];
        ByteBuf out = Unpooled.wrappedBuffer(bytes);
        out.writerIndex(0);
        encode(out);
        return bytes;
    }

    // An unpaired surrogate would be sent as '?', so the agent would see another id; Netty's
    // byte count also disagrees with the JDK's for it, which broke toBytes().
    private static void requireWellFormed(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("player session id has an unpaired surrogate at index " + i
                        + " and cannot be sent as UTF-8");
            }
        }
    }
}
