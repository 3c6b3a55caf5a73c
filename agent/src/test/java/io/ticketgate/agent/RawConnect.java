package io.ticketgate.agent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built CONNECT frames, including the broken ones {@code ConnectFrame} refuses to build. */
final class RawConnect {

    static final int TAG_PLAYER_SESSION_ID = 0x01;

    private RawConnect() {
    }

    /** A CONNECT header (magic, version 1) declaring {@code fieldsLength}, followed by {@code fields}. */
    static byte[] frame(int fieldsLength, byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x54, 0x47, 0x54, 0x01, (byte) (fieldsLength >>> 8), (byte) fieldsLength});
        for (byte[] field : fields) {
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    /** A CONNECT whose field-list length is exactly that of {@code fields}. */
    static byte[] frame(byte[]... fields) {
        int length = 0;
        for (byte[] field : fields) {
            length += field.length;
        }
        return frame(length, fields);
    }

    static byte[] field(int tag, byte[] value) {
        return field(tag, value.length, value);
    }

    /** A field whose declared length may lie about its value. */
    static byte[] field(int tag, int declaredLength, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) tag, (byte) (declaredLength >>> 8), (byte) declaredLength});
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] sessionIdField(String playerSessionId) {
        return field(TAG_PLAYER_SESSION_ID, playerSessionId.getBytes(StandardCharsets.UTF_8));
    }
}
