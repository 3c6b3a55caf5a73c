package io.ticketgate.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides, from the bytes received so far, whether they hold a CONNECT frame. It fails as early
 * as the bytes allow: a wrong first byte or an oversized field list is reported at once, without
 * waiting for the rest.
 */
public final class ConnectParser {

    private ConnectParser() {
    }

    /**
     * Parses the readable bytes of {@code in} without consuming them. Stateless and thread-safe;
     * call it again with the same buffer once more bytes have arrived.
     *
     * @param in the bytes received so far, from its reader index
     * @return {@link ConnectParse.Incomplete} while more bytes are needed, a
     *     {@link ConnectParse.Failure} once they cannot be a CONNECT, or the
     *     {@link ConnectParse.Complete} frame and its length
     */
    public static ConnectParse parse(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int magicSeen = Math.min(readable, Tgt.MAGIC.length);
        for (int i = 0; i < magicSeen; i++) {
            if (in.getByte(start + i) != Tgt.MAGIC[i]) {
                return new ConnectParse.Failure(ResultCode.MALFORMED, "not a TGT frame: expected magic \"TGT\"");
            }
        }
        if (readable < Tgt.MAGIC.length + 1) {
            return ConnectParse.Incomplete.INSTANCE;
        }
        int version = in.getUnsignedByte(start + 3);
        if (version != Tgt.VERSION) {
            return new ConnectParse.Failure(ResultCode.UNSUPPORTED_VERSION,
                    "version " + version + " is not supported; this agent speaks TGT/" + Tgt.VERSION);
        }
        if (readable < Tgt.CONNECT_HEADER_LENGTH) {
            return ConnectParse.Incomplete.INSTANCE;
        }
        int fieldsLength = in.getUnsignedShort(start + 4);
        if (fieldsLength > Tgt.MAX_FIELDS_LENGTH) {
            return new ConnectParse.Failure(ResultCode.MALFORMED,
                    "field list length " + fieldsLength + " exceeds " + Tgt.MAX_FIELDS_LENGTH);
        }
        int frameLength = Tgt.CONNECT_HEADER_LENGTH + fieldsLength;
        if (readable < frameLength) {
            return ConnectParse.Incomplete.INSTANCE;
        }
        return parseFields(in, start + Tgt.CONNECT_HEADER_LENGTH, fieldsLength, frameLength);
    }

    private static ConnectParse parseFields(ByteBuf in, int offset, int fieldsLength, int frameLength) {
        long[] seenTags = new long[4];
        String playerSessionId = null;
        int end = offset + fieldsLength;
        int position = offset;
        while (position < end) {
            if (end - position < Tgt.FIELD_HEADER_LENGTH) {
                return malformed("field header overruns the field list");
            }
            int tag = in.getUnsignedByte(position);
            int length = in.getUnsignedShort(position + 1);
            int valueStart = position + Tgt.FIELD_HEADER_LENGTH;
            if (length > end - valueStart) {
                return malformed("field 0x" + hex(tag) + " overruns the field list");
            }
            long bit = 1L << (tag & 63);
            if ((seenTags[tag >>> 6] & bit) != 0) {
                return malformed("field 0x" + hex(tag) + " is repeated");
            }
            seenTags[tag >>> 6] |= bit;
            if (tag == Tgt.TAG_PLAYER_SESSION_ID) {
                if (length < Tgt.MIN_PLAYER_SESSION_ID_LENGTH || length > Tgt.MAX_PLAYER_SESSION_ID_LENGTH) {
                    return malformed("player session id must be 1.." + Tgt.MAX_PLAYER_SESSION_ID_LENGTH
                            + " bytes, was " + length);
                }
                playerSessionId = decodeUtf8(in, valueStart, length);
                if (playerSessionId == null) {
                    return malformed("player session id is not valid UTF-8");
                }
            }
            // Unknown tags are skipped: newer clients may send fields this agent does not know.
            position = valueStart + length;
        }
        if (playerSessionId == null) {
            return malformed("missing player session id field 0x01");
        }
        return new ConnectParse.Complete(new ConnectFrame(playerSessionId), frameLength);
    }

    private static String decodeUtf8(ByteBuf in, int index, int length) {
        boolean ascii = true;
        for (int i = index; i < index + length && ascii; i++) {
            ascii = in.getByte(i) >= 0;
        }
        if (ascii) {
            return in.toString(index, length, StandardCharsets.US_ASCII);
        }
        ByteBuffer bytes = in.nioBuffer(index, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static ConnectParse malformed(String detail) {
        return new ConnectParse.Failure(ResultCode.MALFORMED, detail);
    }

    private static String hex(int tag) {
        return String.format("%02x", tag);
    }
}
