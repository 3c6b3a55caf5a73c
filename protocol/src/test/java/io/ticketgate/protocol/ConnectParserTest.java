package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectParserTest {

    private static final String ID = "psess-1b2c3d4e-0000-4000-8000-00000000abcd";
    private static final byte[] FRAME = new ConnectFrame(ID).toBytes();

    @Test
    void wholeFrameYieldsTheIdAndItsLength() {
        ConnectParse.Complete complete = parseComplete(FRAME);
        assertEquals(ID, complete.frame().playerSessionId());
        assertEquals(FRAME.length, complete.frameLength());
    }

    @Test
    void partialFrameIsIncomplete() {
        for (int length = 0; length < FRAME.length; length++) {
            assertInstanceOf(ConnectParse.Incomplete.class, parse(Arrays.copyOf(FRAME, length)),
                    "after " + length + " of " + FRAME.length + " bytes");
        }
    }

    @Test
    void bytesAfterTheFrameAreNotCounted() {
        byte[] pipelined = cat(FRAME, ascii("GAME HELLO"));
        ConnectParse.Complete complete = parseComplete(pipelined);
        assertEquals(ID, complete.frame().playerSessionId());
        assertEquals(FRAME.length, complete.frameLength());
    }

    @Test
    void parsingConsumesNothing() {
        ByteBuf in = Unpooled.wrappedBuffer(FRAME);
        try {
            ConnectParser.parse(in);
            assertEquals(0, in.readerIndex());
            assertEquals(FRAME.length, in.readableBytes());
        } finally {
            in.release();
        }
    }

    @Test
    void parsingStartsAtTheReaderIndex() {
        ByteBuf in = Unpooled.wrappedBuffer(cat(ascii("old bytes"), FRAME));
        try {
            in.skipBytes("old bytes".length());
            ConnectParse.Complete complete = assertInstanceOf(ConnectParse.Complete.class, ConnectParser.parse(in));
            assertEquals(ID, complete.frame().playerSessionId());
            assertEquals(FRAME.length, complete.frameLength());
        } finally {
            in.release();
        }
    }

    @Test
    void firstWrongByteFailsAtOnce() {
        for (int position = 0; position < Tgt.MAGIC.length; position++) {
            byte[] prefix = Arrays.copyOf(FRAME, position + 1);
            prefix[position] = 'X';
            assertFailure(ResultCode.MALFORMED, prefix);
        }
    }

    @Test
    void otherVersionFailsAtTheFourthByte() {
        for (int version : List.of(0x00, 0x02, 0xff)) {
            assertFailure(ResultCode.UNSUPPORTED_VERSION, new byte[] {0x54, 0x47, 0x54, (byte) version});
        }
    }

    @Test
    void oversizedFieldListFailsBeforeTheBody() {
        assertFailure(ResultCode.MALFORMED, header(Tgt.MAX_FIELDS_LENGTH + 1));
        assertFailure(ResultCode.MALFORMED, header(0xffff));
    }

    @Test
    void largestFieldListIsWaitedFor() {
        assertInstanceOf(ConnectParse.Incomplete.class, parse(header(Tgt.MAX_FIELDS_LENGTH)));
    }

    @Test
    void largestFieldListIsAccepted() {
        byte[] id = field(0x01, repeat('a', Tgt.MAX_PLAYER_SESSION_ID_LENGTH));
        int padding = Tgt.MAX_FIELDS_LENGTH - id.length - Tgt.FIELD_HEADER_LENGTH;
        byte[] frame = frame(id, field(0x02, repeat(0, padding)));
        assertEquals(Tgt.MAX_CONNECT_LENGTH, frame.length);
        assertEquals(Tgt.MAX_CONNECT_LENGTH, parseComplete(frame).frameLength());
    }

    @Test
    void longestIdIsAccepted() {
        String id = "a".repeat(Tgt.MAX_PLAYER_SESSION_ID_LENGTH);
        assertEquals(id, parseComplete(new ConnectFrame(id).toBytes()).frame().playerSessionId());
    }

    @Test
    void idOverTheLimitIsMalformed() {
        assertFailure(ResultCode.MALFORMED, frame(field(0x01, repeat('a', Tgt.MAX_PLAYER_SESSION_ID_LENGTH + 1))));
    }

    @Test
    void emptyIdIsMalformed() {
        assertFailure(ResultCode.MALFORMED, frame(field(0x01, new byte[0])));
    }

    @Test
    void multiByteIdIsDecoded() {
        String id = "psess-zoë-雪-🎮";
        assertEquals(id, parseComplete(frame(field(0x01, id.getBytes(StandardCharsets.UTF_8))))
                .frame().playerSessionId());
    }

    @Test
    void invalidUtf8IdIsMalformed() {
        List<byte[]> invalid = List.of(
                bytes(0xff),                   // never valid in UTF-8
                bytes(0x80),                   // a continuation byte with no lead
                bytes(0xc0, 0xaf),             // overlong "/"
                bytes(0xe2, 0x82),             // cut inside a 3-byte character
                bytes(0xed, 0xa0, 0x80),       // a UTF-16 surrogate, not a character
                bytes(0xf4, 0x90, 0x80, 0x80)); // beyond U+10FFFF
        for (byte[] tail : invalid) {
            assertFailure(ResultCode.MALFORMED, frame(field(0x01, cat(ascii("psess-"), tail))));
        }
    }

    @Test
    void idSpanningBufferComponentsIsDecoded() {
        // A decoder's cumulation buffer may be composite; a character may straddle two reads.
        String id = "psess-zoë-雪-🎮";
        byte[] frame = new ConnectFrame(id).toBytes();
        CompositeByteBuf in = Unpooled.compositeBuffer();
        try {
            for (int i = 0; i < frame.length; i += 5) {
                in.addComponent(true, Unpooled.wrappedBuffer(Arrays.copyOfRange(frame, i, Math.min(i + 5, frame.length))));
            }
            ConnectParse.Complete complete = assertInstanceOf(ConnectParse.Complete.class, ConnectParser.parse(in));
            assertEquals(id, complete.frame().playerSessionId());
        } finally {
            in.release();
        }
    }

    @Test
    void unknownFieldsAreSkippedWherever() {
        byte[] id = field(0x01, ascii(ID));
        byte[] before = field(0x02, ascii("game/1.4.2"));
        byte[] after = field(0xff, new byte[0]);
        assertEquals(ID, parseComplete(frame(before, id, after)).frame().playerSessionId());
    }

    @Test
    void repeatedIdIsMalformed() {
        byte[] id = field(0x01, ascii(ID));
        assertFailure(ResultCode.MALFORMED, frame(id, id));
    }

    @Test
    void repeatedUnknownTagIsMalformed() {
        assertFailure(ResultCode.MALFORMED, frame(field(0x80, ascii("a")), field(0x01, ascii(ID)), field(0x80, ascii("b"))));
    }

    @Test
    void fieldOverrunningTheListIsMalformed() {
        byte[] id = field(0x01, ascii(ID));
        id[2]++;
        assertFailure(ResultCode.MALFORMED, frame(id));
    }

    @Test
    void fieldHeaderCutByTheListEndIsMalformed() {
        assertFailure(ResultCode.MALFORMED, frame(field(0x01, ascii(ID)), bytes(0x02, 0x00)));
    }

    @Test
    void missingIdIsMalformed() {
        assertFailure(ResultCode.MALFORMED, header(0));
        assertFailure(ResultCode.MALFORMED, frame(field(0x02, ascii("game/1.4.2"))));
    }

    private static ConnectParse parse(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return ConnectParser.parse(in);
        } finally {
            in.release();
        }
    }

    private static ConnectParse.Complete parseComplete(byte[] bytes) {
        return assertInstanceOf(ConnectParse.Complete.class, parse(bytes));
    }

    private static void assertFailure(ResultCode expected, byte[] bytes) {
        ConnectParse.Failure failure = assertInstanceOf(ConnectParse.Failure.class, parse(bytes),
                () -> "parsing " + Arrays.toString(bytes));
        assertEquals(expected, failure.code(), failure.detail());
    }

    private static byte[] header(int fieldsLength) {
        return bytes(0x54, 0x47, 0x54, 0x01, fieldsLength >> 8, fieldsLength & 0xff);
    }

    private static byte[] frame(byte[]... fields) {
        byte[] list = cat(fields);
        return cat(header(list.length), list);
    }

    private static byte[] field(int tag, byte[] value) {
        return cat(bytes(tag, value.length >> 8, value.length & 0xff), value);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
