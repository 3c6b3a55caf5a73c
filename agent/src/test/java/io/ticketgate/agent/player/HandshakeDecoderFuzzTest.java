package io.ticketgate.agent.player;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ConnectParse;
import io.ticketgate.protocol.ConnectParser;
import io.ticketgate.protocol.Tgt;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the player port's CONNECT decoder with arbitrary bytes arriving in arbitrary pieces, as
 * TCP may deliver them. Whatever the split, it decides exactly what the parser decides for the
 * whole, at most once, never buffers past one frame, and hands every byte after the frame on in
 * order. Corpus replay in every build; {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class HandshakeDecoderFuzzTest {

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void anySplitDecidesAsTheWholeDoes(FuzzedDataProvider data) {
        int pieces = data.consumeInt(1, 8);
        int[] cuts = new int[pieces - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, 64);
        }
        byte[] input = data.consumeRemainingAsBytes();
        ConnectParse whole = parse(input);

        EmbeddedChannel channel = new EmbeddedChannel(new HandshakeDecoder());
        int offset = 0;
        for (int cut : cuts) {
            int length = Math.min(cut, input.length - offset);
            channel.writeInbound(Unpooled.wrappedBuffer(input, offset, length));
            offset += length;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(input, offset, input.length - offset));

        Object decided = channel.readInbound();
        if (whole instanceof ConnectParse.Complete complete) {
            assertEquals(complete.frame(), assertInstanceOf(ConnectFrame.class, decided));
            // The game's bytes follow, in order, once the decoder leaves the pipeline.
            channel.pipeline().removeFirst();
            assertArrayEquals(copyOfRange(input, complete.frameLength()), drain(channel));
        } else if (whole instanceof ConnectParse.Failure failure) {
            HandshakeFailure failed = assertInstanceOf(HandshakeFailure.class, decided);
            assertEquals(failure.code(), failed.code());
        } else {
            assertNull(decided, "no decision before a whole CONNECT");
            assertTrue(input.length < Tgt.MAX_CONNECT_LENGTH);
        }
        assertNull(channel.readInbound(), "one decision per connection");
        channel.finishAndReleaseAll();
    }

    private static ConnectParse parse(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            return ConnectParser.parse(in);
        } finally {
            in.release();
        }
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            ByteBuf bytes = (ByteBuf) message;
            out.writeBytes(ByteBufUtil.getBytes(bytes));
            bytes.release();
        }
        return out.toByteArray();
    }

    private static byte[] copyOfRange(byte[] input, int from) {
        return java.util.Arrays.copyOfRange(input, from, input.length);
    }
}
