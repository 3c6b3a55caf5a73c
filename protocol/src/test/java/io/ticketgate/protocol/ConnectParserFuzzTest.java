package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the CONNECT parser with arbitrary bytes. In the normal test run it replays the checked-in
 * corpus under {@code ConnectParserFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes (see the
 * README's "Fuzzing" section). Whatever the bytes, the parser answers without throwing, within
 * the per-input time bound, and its answers agree with each other.
 */
class ConnectParserFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void anyBytesGetAConsistentAnswer(byte[] input) {
        ConnectParse parse = parse(input);
        assertNotNull(parse);
        if (parse instanceof ConnectParse.Complete complete) {
            checkComplete(input, complete);
        } else if (parse instanceof ConnectParse.Failure failure) {
            assertTrue(failure.code() == ResultCode.MALFORMED || failure.code() == ResultCode.UNSUPPORTED_VERSION,
                    "a CONNECT can only be malformed or of another version, was " + failure.code());
            // More bytes never make a refused CONNECT acceptable: the agent may refuse early.
            byte[] longer = Arrays.copyOf(input, input.length + 16);
            assertInstanceOf(ConnectParse.Failure.class, parse(longer));
        } else {
            assertTrue(input.length < Tgt.MAX_CONNECT_LENGTH, "a whole-sized CONNECT is never incomplete");
        }
    }

    private static void checkComplete(byte[] input, ConnectParse.Complete complete) {
        int length = complete.frameLength();
        assertTrue(length >= Tgt.CONNECT_HEADER_LENGTH && length <= Math.min(input.length, Tgt.MAX_CONNECT_LENGTH),
                "frame length " + length + " of " + input.length + " bytes");
        // The frame alone, and the frame followed by anything, parse the same.
        byte[] frame = Arrays.copyOf(input, length);
        assertEquals(complete, parse(frame));
        // Every prefix of an acceptable frame is merely incomplete: the parser never refuses early
        // what would have been a good CONNECT.
        for (int prefix = 0; prefix < length; prefix += Math.max(1, length / 64)) {
            assertInstanceOf(ConnectParse.Incomplete.class, parse(Arrays.copyOf(input, prefix)),
                    "prefix of " + prefix + " bytes");
        }
        // The id survives a round trip through the encoder.
        String id = complete.frame().playerSessionId();
        ConnectParse again = parse(new ConnectFrame(id).toBytes());
        assertEquals(id, assertInstanceOf(ConnectParse.Complete.class, again).frame().playerSessionId());
    }

    private static ConnectParse parse(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            ConnectParse parse = ConnectParser.parse(in);
            assertEquals(0, in.readerIndex(), "parsing consumes nothing");
            return parse;
        } finally {
            in.release();
        }
    }
}
