package io.ticketgate.agent.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.control.Shapes.ErrorShape;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates a request body up to a bound. A larger body is answered with a typed 400 in the
 * request's own wire format (instead of Netty's bare 413), and the connection is closed: at once
 * when the client awaits {@code 100-continue} and so has sent no body, otherwise once the client
 * has had the answer, the rest of the body discarded unprocessed.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;
    private final Duration discardLimit;
    private final ControlRequestObserver observer;
    /** One of each for all connections: a mapper is costly to build, and a flood of connections must not be. */
    private static final WireFormat JSON = new AwsJson11Format();
    private static final WireFormat CBOR = new RpcV2CborFormat();

    /** @param limits the body bound, and the body timeout: how long the rest is discarded before closing */
    BoundedBodyAggregator(ControlLimits limits, ControlRequestObserver observer) {
        // Close after refusing an expectation: the body announced may still come, or not.
        super(limits.maxBodyBytes(), true);
        this.maxBodyBytes = limits.maxBodyBytes();
        this.discardLimit = limits.bodyTimeout();
        this.observer = observer;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        observer.refused("body-size");
        FullHttpResponse response = tooLarge(oversized);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // Nothing more is served here: read on by itself, to discard, but not forever.
        ctx.channel().config().setAutoRead(true);
        ctx.executor().schedule(() -> ctx.channel().close(), discardLimit.toMillis(), TimeUnit.MILLISECONDS);
        // Half-close, and let the rest of the body be read and discarded until the client closes:
        // closing with bytes unread resets the connection, and a reset can destroy the 400 before
        // the client has read it.
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
            if (future.isSuccess() && future.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                future.channel().close();
            }
        });
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
            // Netty would answer a bare 413; the client is waiting, with the body unsent.
            observer.refused("body-size");
            start.headers().remove(HttpHeaderNames.EXPECT);
            FullHttpResponse response = tooLarge(start);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    private FullHttpResponse tooLarge(HttpMessage oversized) {
        WireFormat format = oversized instanceof HttpRequest request
                && request.uri().startsWith("/service/") ? CBOR : JSON;
        byte[] body = format.write(new ErrorShape(format.errorType("SerializationException"),
                "the request body exceeds " + maxBodyBytes + " bytes"));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
        format.addHeaders(response.headers());
        format.addErrorHeaders(response.headers(), "SerializationException");
        response.headers().set(ControlRequestHandler.REQUEST_ID, UUID.randomUUID().toString());
        HttpUtil.setContentLength(response, body.length);
        return response;
    }
}
