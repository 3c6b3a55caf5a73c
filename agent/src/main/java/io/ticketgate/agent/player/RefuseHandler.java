package io.ticketgate.agent.player;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.ticketgate.protocol.ResultFrame;

/** Answers one RESULT as soon as the connection is up, and closes: for connections over the limit. */
final class RefuseHandler extends ChannelInboundHandlerAdapter {

    private final ResultFrame result;

    RefuseHandler(ResultFrame result) {
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Refusal.send(ctx.channel(), result, Refusal.SHORT_LINGER_MILLIS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
