package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.control.Shapes.ErrorShape;
import io.ticketgate.agent.control.auth.ControlAuthenticator;
import io.ticketgate.agent.control.auth.UnauthorizedException;
import io.ticketgate.agent.log.LogText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes control requests: GameLift operations in either wire format, and the health, readiness
 * and metrics endpoints. The endpoints are answered on the event loop; operations are parsed and
 * run on {@link OperationWorkers}. Every response carries an {@code x-amzn-RequestId}; every failure is a
 * typed error with a {@code __type}, never a stack trace.
 */
@ChannelHandler.Sharable
final class ControlRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRequestHandler.class);
    static final String REQUEST_ID = "x-amzn-RequestId";
    private static final String TARGET = "X-Amz-Target";
    private static final String AMZN_TARGET = "X-Amzn-Target";

    private final GameLiftOperations operations;
    private final ControlEndpoints endpoints;
    private final ControlRequestObserver observer;
    private final ControlAuthenticator authenticator;
    private final OperationWorkers workers;
    private final AwsJson11Format json = new AwsJson11Format();
    private final RpcV2CborFormat cbor = new RpcV2CborFormat();

    ControlRequestHandler(GameLiftOperations operations, ControlEndpoints endpoints, ControlRequestObserver observer,
            ControlAuthenticator authenticator, OperationWorkers workers) {
        this.operations = operations;
        this.endpoints = endpoints;
        this.observer = observer;
        this.authenticator = authenticator;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            HttpUtil.setKeepAlive(request, false);
            sendError(ctx, request, json, HttpResponseStatus.BAD_REQUEST, "SerializationException",
                    "malformed HTTP request");
            return;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            // A broken %-escape; thrown on, it would close the connection without an answer.
            sendError(ctx, request, request.uri().startsWith("/service/") ? cbor : json,
                    HttpResponseStatus.BAD_REQUEST, "SerializationException",
                    "the request URI is not well-formed: " + e.getMessage());
            return;
        }
        if (request.method().equals(HttpMethod.GET)) {
            serveEndpoint(ctx, request, path);
        } else if (!request.method().equals(HttpMethod.POST)) {
            sendError(ctx, request, json, HttpResponseStatus.METHOD_NOT_ALLOWED, "UnknownOperationException",
                    request.method() + " is not supported; GameLift operations are POSTed");
        } else if (path.equals("/")) {
            serveJson(ctx, request);
        } else if (RpcV2CborFormat.operationOf(path) != null) {
            serveCbor(ctx, request, RpcV2CborFormat.operationOf(path));
        } else {
            sendError(ctx, request, json, HttpResponseStatus.NOT_FOUND, "UnknownOperationException",
                    "no operation at " + path);
        }
    }

    private void serveJson(ChannelHandlerContext ctx, FullHttpRequest request) {
        String target = request.headers().get(TARGET);
        if (target == null || !target.startsWith(AwsJson11Format.TARGET_PREFIX)) {
            reject(ctx, request, json, "-", "UnknownOperationException",
                    "X-Amz-Target must name an operation as GameLift.<Operation>");
            return;
        }
        String operation = target.substring(AwsJson11Format.TARGET_PREFIX.length());
        if (!operations.serves(operation)) {
            reject(ctx, request, json, "-", "UnknownOperationException", "unknown operation " + target);
            return;
        }
        if (!hasContentType(request, AwsJson11Format.CONTENT_TYPE)) {
            reject(ctx, request, json, operation, "SerializationException",
                    "Content-Type must be " + AwsJson11Format.CONTENT_TYPE);
            return;
        }
        if (unauthorized(ctx, request, json, operation)) {
            return;
        }
        invoke(ctx, request, json, operation);
    }

    private void serveCbor(ChannelHandlerContext ctx, FullHttpRequest request, String operation) {
        if (!RpcV2CborFormat.PROTOCOL.equals(request.headers().get(RpcV2CborFormat.PROTOCOL_HEADER))) {
            reject(ctx, request, cbor, "-", "SerializationException",
                    RpcV2CborFormat.PROTOCOL_HEADER + ": " + RpcV2CborFormat.PROTOCOL + " is required");
            return;
        }
        if (request.headers().contains(TARGET) || request.headers().contains(AMZN_TARGET)) {
            // The spec: such a request is malformed, and servers MUST reject it (for security).
            reject(ctx, request, cbor, "-", "SerializationException",
                    "an RPC v2 CBOR request must not carry " + TARGET + " or " + AMZN_TARGET);
            return;
        }
        if (!operations.serves(operation)) {
            reject(ctx, request, cbor, "-", "UnknownOperationException", "unknown operation " + operation);
            return;
        }
        if (request.content().isReadable() && !hasContentType(request, RpcV2CborFormat.CONTENT_TYPE)) {
            reject(ctx, request, cbor, operation, "SerializationException",
                    "Content-Type must be " + RpcV2CborFormat.CONTENT_TYPE);
            return;
        }
        if (unauthorized(ctx, request, cbor, operation)) {
            return;
        }
        invoke(ctx, request, cbor, operation);
    }

    /** Refuses the operation, before it can change anything, unless the request is authenticated. */
    private boolean unauthorized(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format,
            String operation) {
        try {
            authenticator.check(request);
            return false;
        } catch (UnauthorizedException e) {
            reject(ctx, request, format, operation, UnauthorizedException.ERROR_TYPE, e.getMessage());
            return true;
        }
    }

    /** Parses and runs the operation on a worker, off the event loop; the response is written from there. */
    private void invoke(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, String operation) {
        OperationWorkers.Refusal refusal = workers.submit(ctx, request, r -> run(ctx, r, format, operation));
        if (refusal != null) {
            refuse(ctx, request, format, operation, refusal, observer);
        }
    }

    /** Answers a request the workers did not take with a ThrottlingException, which AWS SDKs retry. */
    static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, String operation,
            OperationWorkers.Refusal refusal, ControlRequestObserver observer) {
        observer.refused(refusal == OperationWorkers.Refusal.RATE ? "rate" : "busy");
        observer.request(operation, "ThrottlingException");
        HttpResponseStatus status = refusal == OperationWorkers.Refusal.RATE
                ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.SERVICE_UNAVAILABLE;
        String message = refusal == OperationWorkers.Refusal.RATE
                ? "over the control port's request rate bound; retry later"
                : "the control port is busy; retry later";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(format.write(new ErrorShape(format.errorType("ThrottlingException"), message))));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
        format.addHeaders(response.headers());
        format.addErrorHeaders(response.headers(), "ThrottlingException");
        response.headers().set(REQUEST_ID, UUID.randomUUID().toString());
        write(ctx, request, response);
    }

    private void run(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, String operation) {
        JsonNode body;
        try {
            body = format.read(request.content());
        } catch (IOException e) {
            reject(ctx, request, format, operation, "SerializationException",
                    "the request body is not well-formed " + (format == json ? "JSON" : "CBOR"));
            return;
        } catch (TicketgateException e) {
            reject(ctx, request, format, operation, e.errorType(), e.getMessage());
            return;
        }
        Object output;
        try {
            output = operations.invoke(operation, Members.of(body));
        } catch (TicketgateException e) {
            reject(ctx, request, format, operation, e.errorType(), e.getMessage());
            return;
        } catch (FleetUnavailableException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.warn("{} failed (request {}): {}", operation, requestId, e.getMessage());
            observer.request(operation, "InternalServiceException");
            send(ctx, request, format, HttpResponseStatus.INTERNAL_SERVER_ERROR, requestId, "InternalServiceException",
                    format.write(new ErrorShape(format.errorType("InternalServiceException"), e.getMessage())));
            return;
        } catch (RuntimeException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.error("{} failed (request {})", operation, requestId, e);
            observer.request(operation, "InternalServiceException");
            send(ctx, request, format, HttpResponseStatus.INTERNAL_SERVER_ERROR, requestId, "InternalServiceException",
                    format.write(new ErrorShape(format.errorType("InternalServiceException"),
                            "internal error; request id " + requestId)));
            return;
        }
        observer.request(operation, null);
        send(ctx, request, format, HttpResponseStatus.OK, UUID.randomUUID().toString(), null, format.write(output));
    }

    private void reject(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, String operation,
            String errorType, String message) {
        observer.request(operation, errorType);
        sendError(ctx, request, format, HttpResponseStatus.BAD_REQUEST, errorType, message);
    }

    private void sendError(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format,
            HttpResponseStatus status, String errorType, String message) {
        byte[] body = format.write(new ErrorShape(format.errorType(errorType), message));
        send(ctx, request, format, status, UUID.randomUUID().toString(), errorType, body);
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, WireFormat format, HttpResponseStatus status,
            String requestId, String errorType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
        format.addHeaders(response.headers());
        if (errorType != null) {
            format.addErrorHeaders(response.headers(), errorType);
        }
        response.headers().set(REQUEST_ID, requestId);
        write(ctx, request, response);
    }

    private void serveEndpoint(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ControlEndpoints.Reply reply = endpoints.get(path);
        if (reply == null) {
            sendError(ctx, request, json, HttpResponseStatus.NOT_FOUND, "UnknownOperationException",
                    "nothing at " + path + "; try /healthz, /readyz or /metrics");
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().set(REQUEST_ID, UUID.randomUUID().toString());
        write(ctx, request, response);
    }

    static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            // The next request is read only once this response is out (see OneRequestAtATime).
            ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    future.channel().pipeline().fireUserEventTriggered(RequestDeadlines.ResponseWritten.INSTANCE);
                } else {
                    future.channel().close();
                }
            });
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static boolean hasContentType(FullHttpRequest request, String expected) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters >= 0 ? contentType.substring(0, parameters) : contentType).trim();
        return mediaType.equalsIgnoreCase(expected);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("control connection {} failed: {}", ctx.channel().remoteAddress(), LogText.escape(cause));
        ctx.close();
    }
}
