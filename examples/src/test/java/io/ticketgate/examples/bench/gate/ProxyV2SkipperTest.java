package io.ticketgate.examples.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProxyV2SkipperTest {

    @Test
    void dropsAHeaderArrivingInPiecesAndPassesWhatFollows() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyV2Skipper());
        byte[] header = ProxyHeaders.minimal();

        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(header, 0, 5)));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(header, 5, header.length)),
                Unpooled.copiedBuffer("game", StandardCharsets.US_ASCII));

        assertEquals("game", readAll(channel));
        assertFalse(channel.finish());
    }

    @Test
    void passesAStreamWithoutHeaderUntouched() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyV2Skipper());

        channel.writeInbound(Unpooled.copiedBuffer("TGT", StandardCharsets.US_ASCII));

        assertEquals("TGT", readAll(channel));
        assertFalse(channel.finish());
    }

    private static String readAll(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf in = channel.readInbound(); in != null; in = channel.readInbound()) {
            text.append(in.toString(StandardCharsets.US_ASCII));
            in.release();
        }
        return text.toString();
    }
}
