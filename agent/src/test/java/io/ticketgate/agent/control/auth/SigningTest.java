package io.ticketgate.agent.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SigningTest {

    @Test
    void aBodyInSeveralBuffersHashesAsItsBytesAndIsNotConsumed() {
        byte[] whole = "part one|part two|part three".getBytes(StandardCharsets.UTF_8);
        CompositeByteBuf body = Unpooled.compositeBuffer();
        body.addComponents(true, Unpooled.wrappedBuffer(whole, 0, 9), Unpooled.wrappedBuffer(whole, 9, 9),
                Unpooled.directBuffer().writeBytes(whole, 18, whole.length - 18));
        try {
            body.readerIndex(5);
            byte[] readable = new byte[whole.length - 5];
            System.arraycopy(whole, 5, readable, 0, readable.length);

            assertEquals(Signing.sha256Hex(readable), Signing.sha256Hex(body));
            assertEquals(5, body.readerIndex());
        } finally {
            body.release();
        }
    }

    @Test
    void theEmptyBodyHasSigV4sWellKnownHash() {
        ByteBuf empty = Unpooled.EMPTY_BUFFER;
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Signing.sha256Hex(empty));
    }
}
