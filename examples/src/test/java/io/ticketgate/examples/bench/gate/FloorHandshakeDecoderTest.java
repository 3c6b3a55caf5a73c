package io.ticketgate.examples.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FloorHandshakeDecoderTest {

    @Test
    void acceptsAnyConnectThenEchoesTheBytesPipelinedAfterIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new ProxyV2Skipper(), new FloorHandshakeDecoder());
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(ProxyHeaders.minimal());
        in.writeBytes(new ConnectFrame("any-id").toBytes());
        in.writeBytes("hi".getBytes(StandardCharsets.US_ASCII));

        channel.writeInbound(in);

        assertEquals(ResultCode.ACCEPTED, readResult(channel).code());
        ByteBuf echoed = channel.readOutbound();
        assertEquals("hi", echoed.toString(StandardCharsets.US_ASCII));
        echoed.release();
        assertFalse(channel.finish());
    }

    @Test
    void answersMalformedAndClosesOnBytesThatAreNoConnect() {
        EmbeddedChannel channel = new EmbeddedChannel(new FloorHandshakeDecoder());

        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII));

        assertEquals(ResultCode.MALFORMED, readResult(channel).code());
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
        channel.finishAndReleaseAll();
    }

    private static ResultFrame readResult(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        try {
            return ResultFrame.decode(out);
        } finally {
            out.release();
        }
    }
}
