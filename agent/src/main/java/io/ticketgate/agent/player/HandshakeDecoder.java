package io.ticketgate.agent.player;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.ticketgate.protocol.ConnectParse;
import io.ticketgate.protocol.ConnectParser;
import java.util.List;

/**
 * Decodes the one CONNECT frame at the start of a player connection into a
 * {@link io.ticketgate.protocol.ConnectFrame}, or a {@link HandshakeFailure} as soon as the bytes
 * cannot be one. It buffers at most one frame (6 + 4096 bytes): the parser rejects a larger field
 * list from its header alone.
 *
 * <p>After that one message it decodes nothing more. Bytes that follow belong to the game: they
 * stay in the cumulation and are passed on, in order, when the handshake handler removes this
 * decoder on hand-off.
 */
final class HandshakeDecoder extends ByteToMessageDecoder {

    private boolean decided;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (decided) {
            return;
        }
        ConnectParse parse = ConnectParser.parse(in);
        if (parse instanceof ConnectParse.Complete complete) {
            decided = true;
            in.skipBytes(complete.frameLength());
            out.add(complete.frame());
        } else if (parse instanceof ConnectParse.Failure failure) {
            decided = true;
            in.skipBytes(in.readableBytes());
            out.add(new HandshakeFailure(failure.code(), failure.detail()));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (decided) {
            // The base class would ask for another read while auto-read is off; once decided, reads
            // are for the game to resume, so a flooding client cannot grow the cumulation.
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }
}
