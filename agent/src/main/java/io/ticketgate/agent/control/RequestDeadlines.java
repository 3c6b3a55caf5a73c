package io.ticketgate.agent.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.control.Shapes.ErrorShape;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one control connection, so that no client holds it forever: the headers of
 * a request must arrive within the header timeout of its first byte (or of the connection
 * opening), its body within the body timeout of its headers, and the next request within the
 * idle timeout of the last response. While a request is being answered nothing is timed. A
 * request that misses its deadline is answered 408 with a {@code RequestTimeoutException} and
 * the connection closed; a connection idle between requests is just closed.
 *
 * <p>It sits before the HTTP codec, to see a request's first bytes; {@link #progress()} sits
 * after it, to see its headers and its end. Responses report themselves with
 * {@link ResponseWritten}. An event stream removes both: it is long-lived by design.
 */
final class RequestDeadlines extends ChannelInboundHandlerAdapter {

    /** Fired from the pipeline's head once a response has been written out. */
    enum ResponseWritten { INSTANCE }

    private enum Phase { HEADERS, BODY, ANSWERING, IDLE }

    private final ControlLimits limits;
    private final ControlRequestObserver observer;
    /** One for all connections: a mapper is costly to build, and a flood of connections must not be. */
    private static final WireFormat JSON = new AwsJson11Format();
    private ChannelHandlerContext ctx;
    /** Requests read whole and not yet answered (a pipelining client may have several). */
    private int unanswered;
    private boolean inHeaders;
    private boolean inBody;
    /** Until the first response, an empty connection is timed as one awaiting headers. */
    private boolean answeredOnce;
    private Phase phase;
    private ScheduledFuture<?> deadline;

    RequestDeadlines(ControlLimits limits, ControlRequestObserver observer) {
        this.limits = limits;
        this.observer = observer;
    }

    /** The half after the codec: it sees where a request's headers and body end. */
    ChannelInboundHandlerAdapter progress() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    inHeaders = false;
                    inBody = true;
                }
                if (msg instanceof LastHttpContent) {
                    inBody = false;
                    unanswered++;
                }
                rearm();
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        rearm();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable() && !inBody) {
            inHeaders = true;
            rearm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ResponseWritten) {
            unanswered = Math.max(0, unanswered - 1);
            answeredOnce = true;
            rearm();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    /** Starts the deadline of the phase the connection is in, if that changed; the clock never restarts within one. */
    private void rearm() {
        Phase now = unanswered > 0 ? Phase.ANSWERING
                : inBody ? Phase.BODY
                : inHeaders || !answeredOnce ? Phase.HEADERS
                : Phase.IDLE;
        if (now == phase) {
            return;
        }
        phase = now;
        cancel();
        long millis = switch (now) {
            case HEADERS -> limits.headerTimeout().toMillis();
            case BODY -> limits.bodyTimeout().toMillis();
            case IDLE -> limits.idleTimeout().toMillis();
            case ANSWERING -> -1;
        };
        if (millis >= 0) {
            deadline = ctx.executor().schedule(() -> expire(now), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void expire(Phase expired) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (expired == Phase.IDLE || !inHeaders && !inBody) {
            ctx.close();
            return;
        }
        observer.refused("timeout");
        byte[] body = JSON.write(new ErrorShape("RequestTimeoutException", "the request did not arrive within "
                + (expired == Phase.BODY ? limits.bodyTimeout() : limits.headerTimeout()).toMillis() + " ms"));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, AwsJson11Format.CONTENT_TYPE)
                .set(AwsJson11Format.ERROR_TYPE_HEADER, "RequestTimeoutException")
                .set(ControlRequestHandler.REQUEST_ID, UUID.randomUUID().toString())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        // Through the whole pipeline, for the codec to encode it; then closed, whether or not it got out.
        ctx.pipeline().writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
