package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ConnectFrameTest {

    @Test
    void encodedLengthCountsUtf8Bytes() {
        ConnectFrame frame = new ConnectFrame("psess-zoë-雪-🎮");
        // 6 header + 3 field header + 19 id bytes (ë is 2, 雪 is 3, 🎮 is 4).
        assertEquals(28, frame.encodedLength());
        assertEquals(28, frame.toBytes().length);
    }

    @Test
    void encodeAppendsAfterWhatIsInTheBuffer() {
        ConnectFrame frame = new ConnectFrame("x");
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeByte(0x7f);
            frame.encode(out);
            assertEquals(1 + frame.encodedLength(), out.readableBytes());
            assertEquals(0x7f, out.readUnsignedByte());
            byte[] rest = new byte[out.readableBytes()];
            out.readBytes(rest);
            assertArrayEquals(frame.toBytes(), rest);
        } finally {
            out.release();
        }
    }

    @Test
    void idLengthIsBoundedInUtf8Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectFrame(""));
        new ConnectFrame("a".repeat(Tgt.MAX_PLAYER_SESSION_ID_LENGTH));
        assertThrows(IllegalArgumentException.class, () -> new ConnectFrame("a".repeat(Tgt.MAX_PLAYER_SESSION_ID_LENGTH + 1)));
        // 512 characters, but 1024 + 2 bytes.
        assertThrows(IllegalArgumentException.class, () -> new ConnectFrame("é".repeat(512) + "é"));
    }

    @Test
    void idWithAnUnpairedSurrogateIsRefused() {
        for (String id : new String[] {"a\uD800", "a\uD800\u00e9", "\uDC00a", "a\uDC00\uD800"}) {
            assertThrows(IllegalArgumentException.class, () -> new ConnectFrame(id), id);
        }
    }

    @Test
    void nullIdIsRefused() {
        assertThrows(NullPointerException.class, () -> new ConnectFrame(null));
    }
}
