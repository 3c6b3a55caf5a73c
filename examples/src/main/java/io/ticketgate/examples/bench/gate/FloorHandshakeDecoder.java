package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.ticketgate.protocol.ConnectParse;
import io.ticketgate.protocol.ConnectParser;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.List;

/** The floor's whole handshake: any well-formed CONNECT is ACCEPTED, then the connection echoes. */
final class FloorHandshakeDecoder extends ByteToMessageDecoder {

    private static final ByteBuf ACCEPTED = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(ResultFrame.of(ResultCode.ACCEPTED).toBytes()).asReadOnly());

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ConnectParse parse = ConnectParser.parse(in);
        if (parse instanceof ConnectParse.Complete complete) {
            in.skipBytes(complete.frameLength());
            ctx.writeAndFlush(ACCEPTED.duplicate(), ctx.voidPromise());
            // Bytes pipelined after the CONNECT reach the echo handler once this one leaves.
            ctx.pipeline().addLast(EchoHandler.INSTANCE);
            ctx.pipeline().remove(this);
        } else if (parse instanceof ConnectParse.Failure failure) {
            in.skipBytes(in.readableBytes());
            ByteBuf result = Unpooled.wrappedBuffer(new ResultFrame(failure.code(), failure.detail()).toBytes());
            ctx.writeAndFlush(result).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
