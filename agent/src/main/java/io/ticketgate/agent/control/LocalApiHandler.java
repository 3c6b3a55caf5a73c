package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.ticketgate.agent.NotFoundException;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.control.Shapes.ErrorShape;
import io.ticketgate.agent.control.auth.BearerToken;
import io.ticketgate.agent.control.auth.UnauthorizedException;
import io.ticketgate.agent.log.LogText;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API, for the game server on the agent's host: plain JSON operations POSTed under
 * {@code /local/v1/}, and the event stream. Errors are the control API's typed bodies: 404 for
 * NotFoundException and unknown paths, 405 for the wrong method, 400 otherwise. Every other
 * request goes on to the {@link ControlRequestHandler}.
 */
@ChannelHandler.Sharable
final class LocalApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApiHandler.class);
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final LocalOperations operations;
    private final EventHub hub;
    private final WireFormat json;
    private final ControlRequestObserver observer;
    private final BearerToken token;
    private final OperationWorkers workers;

    LocalApiHandler(LocalOperations operations, EventHub hub, WireFormat json, ControlRequestObserver observer,
            BearerToken token, OperationWorkers workers) {
        super(false);
        this.operations = operations;
        this.hub = hub;
        this.json = json;
        this.observer = observer;
        this.token = token;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.decoderResult().isSuccess() ? localPath(request.uri()) : null;
        if (path == null) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            serve(ctx, request, path);
        } finally {
            request.release();
        }
    }

    /** Returns the request's path if it is a local one, else null (broken URIs included). */
    private static String localPath(String uri) {
        if (!uri.startsWith(LocalOperations.PATH_PREFIX)) {
            return null;
        }
        try {
            return new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        try {
            token.check(request);
        } catch (UnauthorizedException e) {
            observer.request(operations.serves(path) ? LocalOperations.metricName(path) : "-",
                    UnauthorizedException.ERROR_TYPE);
            sendError(ctx, request, HttpResponseStatus.UNAUTHORIZED, UnauthorizedException.ERROR_TYPE,
                    e.getMessage(), null);
            return;
        }
        if (path.equals(LocalOperations.EVENTS_PATH)) {
            subscribe(ctx, request);
            return;
        }
        String operation = LocalOperations.metricName(path);
        if (!operations.serves(path)) {
            sendError(ctx, request, HttpResponseStatus.NOT_FOUND, "UnknownOperationException",
                    "no local operation at " + path + "; see the README's local API section", null);
            return;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            observer.request(operation, "UnknownOperationException");
            sendError(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "UnknownOperationException",
                    path + " takes POST, not " + request.method(), HttpMethod.POST);
            return;
        }
        if (request.content().isReadable()
                && !ControlRequestHandler.hasContentType(request, LocalJsonFormat.CONTENT_TYPE)) {
            // Also what keeps a web page from POSTing here as a "simple" cross-origin request.
            reject(ctx, request, operation, HttpResponseStatus.BAD_REQUEST, "SerializationException",
                    "Content-Type must be " + LocalJsonFormat.CONTENT_TYPE);
            return;
        }
        OperationWorkers.Refusal refusal = workers.submit(ctx, request, r -> run(ctx, r, path, operation));
        if (refusal != null) {
            ControlRequestHandler.refuse(ctx, request, json, operation, refusal, observer);
        }
    }

    /** On a worker: parses the body and runs the operation. */
    private void run(ChannelHandlerContext ctx, FullHttpRequest request, String path, String operation) {
        JsonNode body;
        try {
            body = json.read(request.content());
        } catch (IOException e) {
            reject(ctx, request, operation, HttpResponseStatus.BAD_REQUEST, "SerializationException",
                    "the request body is not well-formed JSON");
            return;
        } catch (TicketgateException e) {
            reject(ctx, request, operation, HttpResponseStatus.BAD_REQUEST, e.errorType(), e.getMessage());
            return;
        }
        Object output;
        try {
            output = operations.invoke(path, Members.of(body));
        } catch (TicketgateException e) {
            reject(ctx, request, operation, e instanceof NotFoundException
                    ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST, e.errorType(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            String requestId = UUID.randomUUID().toString();
            LOG.error("{} failed (request {})", LogText.escape(path), requestId, e);
            reject(ctx, request, operation, HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalServiceException",
                    "internal error; request id " + requestId);
            return;
        }
        observer.request(operation, null);
        send(ctx, request, HttpResponseStatus.OK, null, json.write(output), null);
    }

    private void subscribe(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET)) {
            sendError(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "UnknownOperationException",
                    LocalOperations.EVENTS_PATH + " takes GET, not " + request.method(), HttpMethod.GET);
            return;
        }
        String header = request.headers().get(LAST_EVENT_ID);
        Long lastEventId = null;
        if (header != null && !header.isBlank()) {
            try {
                lastEventId = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                lastEventId = -1L;
            }
            if (lastEventId < 0) {
                sendError(ctx, request, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                        LAST_EVENT_ID + " must be the id of an event (a number of 0 or more)", null);
                return;
            }
        }
        if (hub.subscriberCount() >= hub.maxSubscribers()) {
            // Counted on the control event loop, where subscribers come and go: no race.
            observer.refused("event-subscribers");
            sendError(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "ThrottlingException",
                    "the event stream has its most subscribers (" + hub.maxSubscribers() + "); retry later", null);
            return;
        }
        // From here on the connection carries the stream and nothing else, for as long as it
        // lasts: no request deadlines, and it reads by itself, to see the client leave.
        ctx.pipeline().remove(ControlRequestHandler.class);
        ctx.pipeline().remove(ControlServerInitializer.DEADLINES);
        ctx.pipeline().remove(ControlServerInitializer.PROGRESS);
        ctx.channel().config().setAutoRead(true);
        ctx.pipeline().replace(this, "event-stream",
                new EventStreamHandler(hub, lastEventId, request.protocolVersion()));
    }

    private void reject(ChannelHandlerContext ctx, FullHttpRequest request, String operation,
            HttpResponseStatus status, String errorType, String message) {
        observer.request(operation, errorType);
        sendError(ctx, request, status, errorType, message, null);
    }

    private void sendError(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String errorType, String message, HttpMethod allow) {
        send(ctx, request, status, errorType, json.write(new ErrorShape(errorType, message)), allow);
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String errorType, byte[] body, HttpMethod allow) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, json.contentType());
        if (errorType != null) {
            json.addErrorHeaders(response.headers(), errorType);
        }
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow.name());
        }
        if (status.equals(HttpResponseStatus.UNAUTHORIZED)) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        response.headers().set(ControlRequestHandler.REQUEST_ID, UUID.randomUUID().toString());
        ControlRequestHandler.write(ctx, request, response);
    }
}
