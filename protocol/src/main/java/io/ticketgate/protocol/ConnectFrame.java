package io.ticketgate.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The CONNECT frame a player sends first on a new connection.
 *
 * @param playerSessionId the player session id, 1..1024 UTF-8 bytes
 */
public record ConnectFrame(String playerSessionId) {

    /**
     * @throws IllegalArgumentException if the id is empty or longer than 1024 UTF-8 bytes
     */
    public ConnectFrame {
        int length = ByteBufUtil.utf8Bytes(playerSessionId);
        if (length < Tgt.MIN_PLAYER_SESSION_ID_LENGTH || length > Tgt.MAX_PLAYER_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("player session id must be 1.." + Tgt.MAX_PLAYER_SESSION_ID_LENGTH
                    + " UTF-8 bytes, was " + length);
        }
    }

    /** Returns the number of bytes {@link #encode} writes. */
    public int encodedLength() {
        return Tgt.CONNECT_HEADER_LENGTH + Tgt.FIELD_HEADER_LENGTH + ByteBufUtil.utf8Bytes(playerSessionId);
    }

    /** Writes this frame to {@code out}. */
    public void encode(ByteBuf out) {
        byte[] id = playerSessionId.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Tgt.MAGIC);
        out.writeByte(Tgt.VERSION);
        out.writeShort(Tgt.FIELD_HEADER_LENGTH + id.length);
        out.writeByte(Tgt.TAG_PLAYER_SESSION_ID);
        out.writeShort(id.length);
        out.writeBytes(id);
    }

    /** Returns this frame's bytes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[encodedLength()];
        ByteBuf out = Unpooled.wrappedBuffer(bytes);
        out.writerIndex(0);
        encode(out);
        return bytes;
    }
}
