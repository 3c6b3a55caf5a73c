package io.ticketgate.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The RESULT frame: the agent's one reply to a CONNECT.
 *
 * @param code the outcome
 * @param detail a human-readable explanation, at most 1024 UTF-8 bytes once encoded (longer
 *     text is cut at a character boundary); never player data
 */
public record ResultFrame(ResultCode code, String detail) {

    /**
     * Holds {@code detail} exactly as it will be sent: cut to 1024 UTF-8 bytes at a character
     * boundary, with any unpaired surrogate replaced by {@code '?'}, so that decoding the encoded
     * frame gives back an equal frame.
     *
     * @param code the outcome
     * @param detail the explanation; null is taken as empty
     * @throws IllegalArgumentException if {@code code} is null
     */
    public ResultFrame {
        if (code == null) {
            throw new IllegalArgumentException("code is required");
        }
        detail = detail == null ? "" : toWireForm(detail, Tgt.MAX_DETAIL_LENGTH);
    }

    /**
     * Returns a RESULT with an empty detail.
     *
     * @param code the outcome
     * @return the frame
     * @throws IllegalArgumentException if {@code code} is null
     */
    public static ResultFrame of(ResultCode code) {
        return new ResultFrame(code, "");
    }

    /**
     * Writes this frame to {@code out}: 7 header bytes, then the detail's UTF-8 bytes.
     *
     * @param out the buffer to append to; it grows as needed
     */
    public void encode(ByteBuf out) {
        byte[] text = detail.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Tgt.MAGIC);
        out.writeByte(Tgt.VERSION);
        out.writeByte(code.wireValue());
        out.writeShort(text.length);
        out.writeBytes(text);
    }

    /**
     * Returns this frame's bytes.
     *
     * @return a new array holding exactly the frame
     */
    public byte[] toBytes() {
        ByteBuf out = Unpooled.buffer(Tgt.RESULT_HEADER_LENGTH + detail.length() * 3);
        try {
            encode(out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /**
     * Reads one RESULT frame from {@code in}, consuming exactly its bytes and nothing after them.
     * Invalid UTF-8 in the detail is replaced with U+FFFD: the detail is only for people.
     *
     * @param in the received bytes, starting at its reader index
     * @return the frame
     * @throws IllegalArgumentException if the bytes are not a whole, valid RESULT frame; nothing is
     *     consumed then
     */
    public static ResultFrame decode(ByteBuf in) {
        if (in.readableBytes() < Tgt.RESULT_HEADER_LENGTH) {
            throw new IllegalArgumentException("RESULT frame needs " + Tgt.RESULT_HEADER_LENGTH + " bytes, got "
                    + in.readableBytes());
        }
        byte[] header = new byte[Tgt.RESULT_HEADER_LENGTH];
        in.getBytes(in.readerIndex(), header);
        int detailLength = checkHeader(header);
        // Resolve the code before consuming anything, so that every failure leaves `in` untouched.
        ResultCode code = ResultCode.fromWireValue(header[4] & 0xff);
        if (in.readableBytes() < Tgt.RESULT_HEADER_LENGTH + detailLength) {
            throw new IllegalArgumentException("RESULT detail is cut short");
        }
        in.skipBytes(Tgt.RESULT_HEADER_LENGTH);
        String detail = in.readCharSequence(detailLength, StandardCharsets.UTF_8).toString();
        return new ResultFrame(code, detail);
    }

    /**
     * Reads one RESULT frame from a stream, consuming exactly its bytes, so whatever the game
     * sends next stays in the stream. Blocks until the frame is in, the stream ends or reading
     * fails. It never reads past the frame itself; but if {@code in} is a buffering wrapper, the
     * bytes after the frame may already sit in its buffer, so keep reading from that same wrapper.
     * Invalid UTF-8 in the detail is replaced with U+FFFD: the detail is only for people.
     *
     * @param in the stream, positioned at the frame's first byte
     * @return the frame
     * @throws EOFException if the stream ends before the frame does
     * @throws IOException if reading fails or the bytes are not a valid RESULT frame
     */
    public static ResultFrame read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(Tgt.RESULT_HEADER_LENGTH);
        if (header.length == 0) {
            throw new EOFException("connection closed before a RESULT frame arrived");
        }
        if (header.length < Tgt.RESULT_HEADER_LENGTH) {
            throw new EOFException("connection closed after " + header.length + " of the "
                    + Tgt.RESULT_HEADER_LENGTH + " RESULT header bytes");
        }
        int detailLength;
        ResultCode code;
        try {
            detailLength = checkHeader(header);
            code = ResultCode.fromWireValue(header[4] & 0xff);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new ResultFrame(code, new String(readFully(in, detailLength), StandardCharsets.UTF_8));
    }

    private static int checkHeader(byte[] header) {
        if (!Arrays.equals(header, 0, 3, Tgt.MAGIC, 0, 3)) {
            throw new IllegalArgumentException("not a TGT frame: expected magic \"TGT\"");
        }
        if ((header[3] & 0xff) != Tgt.VERSION) {
            throw new IllegalArgumentException("unsupported TGT version " + (header[3] & 0xff));
        }
        int detailLength = ((header[5] & 0xff) << 8) | (header[6] & 0xff);
        if (detailLength > Tgt.MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException("RESULT detail length " + detailLength + " exceeds "
                    + Tgt.MAX_DETAIL_LENGTH);
        }
        return detailLength;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("connection closed after " + bytes.length + " of the " + length
                    + " RESULT detail bytes");
        }
        return bytes;
    }

    private static String toWireForm(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int end = bytes.length;
        if (end > maxBytes) {
            end = maxBytes;
            // Back off continuation bytes (10xxxxxx) so the cut lands on a character boundary.
            while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
                end--;
            }
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
