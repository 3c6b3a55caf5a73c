package io.ticketgate.examples.bench.gate;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The last handler of a load generator's connection: a write racing the end of a run fails on a
 * closed channel, which is expected there and closes it without a warning.
 */
@ChannelHandler.Sharable
final class QuietClose extends ChannelInboundHandlerAdapter {

    static final QuietClose INSTANCE = new QuietClose();

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
