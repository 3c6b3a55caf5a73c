package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResultFrameTest {

    private static final byte[] GAME_BYTES = "GAME".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyCodeSurvivesTheRoundTrip() throws IOException {
        for (ResultCode code : ResultCode.values()) {
            ResultFrame frame = new ResultFrame(code, "detail for " + code);
            assertEquals(frame, ResultFrame.read(new ByteArrayInputStream(frame.toBytes())));
        }
    }

    @Test
    void emptyDetailIsSevenBytes() {
        assertArrayEquals(new byte[] {0x54, 0x47, 0x54, 0x01, 0x09, 0x00, 0x00}, ResultFrame.of(ResultCode.BUSY).toBytes());
    }

    @Test
    void nullDetailIsEmpty() {
        assertEquals("", new ResultFrame(ResultCode.BUSY, null).detail());
    }

    @Test
    void nullCodeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResultFrame(null, "x"));
    }

    @Test
    void detailOfTheMaximumLengthIsKept() {
        String detail = "a".repeat(Tgt.MAX_DETAIL_LENGTH);
        assertEquals(detail, new ResultFrame(ResultCode.BUSY, detail).detail());
    }

    @Test
    void detailIsCutAtACharacterBoundary() {
        String base = "a".repeat(Tgt.MAX_DETAIL_LENGTH - 1);
        // "é" is 2 bytes and "🎮" 4: neither fits in the one byte left, so both are dropped whole.
        for (String tail : new String[] {"é", "🎮", "🎮 and more"}) {
            ResultFrame frame = new ResultFrame(ResultCode.REJECTED_BY_GAME, base + tail);
            assertEquals(base, frame.detail());
            assertEquals(Tgt.RESULT_HEADER_LENGTH + Tgt.MAX_DETAIL_LENGTH - 1, frame.toBytes().length);
        }
        String exact = "a".repeat(Tgt.MAX_DETAIL_LENGTH - 2) + "é";
        assertEquals(exact, new ResultFrame(ResultCode.BUSY, exact + "b").detail());
    }

    @Test
    void detailIsHeldAsItIsSent() throws IOException {
        // An unpaired surrogate has no UTF-8 form; the frame holds what the peer will read.
        ResultFrame frame = new ResultFrame(ResultCode.BUSY, "a\uD800b");
        assertEquals("a?b", frame.detail());
        assertEquals(frame, ResultFrame.read(new ByteArrayInputStream(frame.toBytes())));
    }

    @Test
    void readConsumesExactlyTheFrame() throws IOException {
        ResultFrame frame = new ResultFrame(ResultCode.ACCEPTED, "welcome");
        ByteArrayInputStream in = new ByteArrayInputStream(cat(frame.toBytes(), GAME_BYTES));
        assertEquals(frame, ResultFrame.read(in));
        assertArrayEquals(GAME_BYTES, in.readAllBytes());
    }

    @Test
    void readConsumesExactlyAnEmptyDetailFrame() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(cat(ResultFrame.of(ResultCode.ACCEPTED).toBytes(), GAME_BYTES));
        assertEquals(ResultFrame.of(ResultCode.ACCEPTED), ResultFrame.read(in));
        assertArrayEquals(GAME_BYTES, in.readAllBytes());
    }

    @Test
    void decodeConsumesExactlyTheFrame() {
        ResultFrame frame = new ResultFrame(ResultCode.ACCEPTED, "welcome");
        ByteBuf in = Unpooled.wrappedBuffer(cat(frame.toBytes(), GAME_BYTES));
        try {
            assertEquals(frame, ResultFrame.decode(in));
            assertEquals(GAME_BYTES.length, in.readableBytes());
        } finally {
            in.release();
        }
    }

    @Test
    void streamEndingBeforeTheFrameIsEof() {
        EOFException e = assertThrows(EOFException.class, () -> ResultFrame.read(new ByteArrayInputStream(new byte[0])));
        assertTrue(e.getMessage().contains("before a RESULT frame arrived"), e.getMessage());
    }

    @Test
    void streamEndingInsideTheFrameIsEof() {
        byte[] frame = new ResultFrame(ResultCode.BUSY, "retry").toBytes();
        for (int length = 1; length < frame.length; length++) {
            byte[] cut = Arrays.copyOf(frame, length);
            assertThrows(EOFException.class, () -> ResultFrame.read(new ByteArrayInputStream(cut)), "after " + length + " bytes");
        }
    }

    @Test
    void partialFrameIsNotDecodedAndNotConsumed() {
        byte[] frame = new ResultFrame(ResultCode.BUSY, "retry").toBytes();
        for (int length = 0; length < frame.length; length++) {
            assertRefusedUntouched(Arrays.copyOf(frame, length));
        }
    }

    @Test
    void foreignHeadersAreRefused() {
        byte[] good = ResultFrame.of(ResultCode.BUSY).toBytes();
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        byte[] otherVersion = good.clone();
        otherVersion[3] = 2;
        byte[] unknownCode = good.clone();
        unknownCode[4] = 13;
        byte[] detailTooLong = cat(Arrays.copyOf(good, 5), new byte[] {0x04, 0x01}, new byte[Tgt.MAX_DETAIL_LENGTH + 1]);
        for (byte[] bytes : new byte[][] {badMagic, otherVersion, unknownCode, detailTooLong}) {
            assertRefusedUntouched(bytes);
            IOException e = assertThrows(IOException.class, () -> ResultFrame.read(new ByteArrayInputStream(bytes)));
            assertFalse(e instanceof EOFException, "a bad header is not a closed stream: " + e);
        }
    }

    @Test
    void invalidUtf8InTheDetailIsReplaced() throws IOException {
        byte[] bytes = {0x54, 0x47, 0x54, 0x01, 0x09, 0x00, 0x02, 'a', (byte) 0xff};
        assertEquals("a\uFFFD", ResultFrame.read(new ByteArrayInputStream(bytes)).detail());
    }

    private static void assertRefusedUntouched(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            assertThrows(IllegalArgumentException.class, () -> ResultFrame.decode(in), () -> Arrays.toString(bytes));
            assertEquals(0, in.readerIndex(), "a refused frame is not consumed");
        } finally {
            in.release();
        }
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
