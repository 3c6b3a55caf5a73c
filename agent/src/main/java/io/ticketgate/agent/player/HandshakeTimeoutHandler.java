package io.ticketgate.agent.player;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.concurrent.TimeUnit;

/**
 * Answers HANDSHAKE_TIMEOUT and closes when no whole CONNECT arrived in time. The handshake
 * handler removes it once the CONNECT is in, which cancels the timer. On a TLS port the time
 * covers the TLS handshake too; a client still short of a TLS session is closed without a RESULT.
 */
final class HandshakeTimeoutHandler extends ChannelInboundHandlerAdapter {

    private final long timeoutNanos;
    private final Runnable handshakeOver;
    private Future<?> timeout;

    /** @param handshakeOver run once, when this handler leaves the pipeline: the handshake is over */
    HandshakeTimeoutHandler(long timeoutNanos, Runnable handshakeOver) {
        this.timeoutNanos = timeoutNanos;
        this.handshakeOver = handshakeOver;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        handshakeOver.run();
    }

    private void expire(ChannelHandlerContext ctx) {
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            return;
        }
        ctx.fireUserEventTriggered(HandshakeTimedOut.INSTANCE);
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null && !tls.handshakeFuture().isSuccess()) {
            // No TLS session to carry a RESULT in, and never a plaintext one: just close.
            ctx.close();
            return;
        }
        ResultFrame result = new ResultFrame(ResultCode.HANDSHAKE_TIMEOUT,
                "no complete CONNECT within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        Refusal.send(ctx.channel(), result);
    }

    /** Tells the handshake handler, for its log line, that the timeout closed the connection. */
    enum HandshakeTimedOut {
        INSTANCE
    }
}
