package io.ticketgate.agent.control;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Serves a control connection one request at a time: once a whole request is in, the
 * connection stops reading, and reads again only once its response has been written out. That
 * keeps HTTP/1.1's response order while requests run on workers, and bounds what a client that
 * pipelines requests and never reads its responses can make the agent hold: one response; the
 * rest of its requests wait in the kernel's buffers. The {@code FlowControlHandler} before this
 * holds the requests one socket read decoded beyond the first.
 *
 * <p>It turns auto-read off and on rather than asking for single reads: a read asked for from
 * inside a read (as the aggregator does for a body in several segments) is dropped by the epoll
 * transport when auto-read is off.
 */
@ChannelHandler.Sharable
final class OneRequestAtATime extends ChannelInboundHandlerAdapter {

    static final OneRequestAtATime INSTANCE = new OneRequestAtATime();

    private OneRequestAtATime() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        ctx.fireUserEventTriggered(event);
        if (event instanceof RequestDeadlines.ResponseWritten) {
            // Reads on, through the FlowControlHandler: it hands on a request it holds first.
            ctx.channel().config().setAutoRead(true);
        }
    }
}
