package io.ticketgate.agent.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.ticketgate.agent.log.LogText;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code GET /local/v1/events} connection, from its response headers on: the events the
 * client missed, then live ones as the hub delivers them, and a comment every
 * {@link #HEARTBEAT_SECONDS} so proxies see it alive. A client that falls more than
 * {@link #MAX_PENDING_BYTES} of live events behind is sent a last {@code stream-closed} event
 * saying so and disconnected; it resumes with {@code Last-Event-ID}. The connection takes no
 * further requests.
 */
final class EventStreamHandler extends ChannelInboundHandlerAdapter implements EventHub.Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamHandler.class);
    static final String CONTENT_TYPE = "text/event-stream";
    static final int HEARTBEAT_SECONDS = 15;
    /**
     * Live events a subscriber may have unsent; the backlog it asked for does not count (its
     * frames are the log's own, shared). One event alone never counts as falling behind.
     */
    static final long MAX_PENDING_BYTES = 1024 * 1024;
    /** How long the last event may take to get out before the connection is closed anyway. */
    static final int CLOSING_GRACE_SECONDS = 2 * HEARTBEAT_SECONDS;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final EventHub hub;
    private final Long lastEventId;
    private final HttpVersion version;
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean closing;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> heartbeat;

    /**
     * @param lastEventId the client's {@code Last-Event-ID}, or null for live events only
     * @param version the request's HTTP version: 1.0 gets the stream unchunked, ended by close
     */
    EventStreamHandler(EventHub hub, Long lastEventId, HttpVersion version) {
        this.hub = hub;
        this.lastEventId = lastEventId;
        this.version = version;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        HttpResponse response = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set("X-Accel-Buffering", "no")
                .set(ControlRequestHandler.REQUEST_ID, UUID.randomUUID().toString());
        if (version.equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        ctx.write(response);
        EventHub.Backlog backlog = hub.subscribe(this, lastEventId);
        ctx.channel().closeFuture().addListener(future -> stop());
        if (backlog.lost() != null) {
            ctx.write(new DefaultHttpContent(backlog.lost().frame()));
        }
        for (EventHub.LoggedEvent event : backlog.events()) {
            ctx.write(new DefaultHttpContent(event.frame()));
        }
        ctx.flush();
        heartbeat = ctx.executor().scheduleAtFixedRate(
                () -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(KEEP_ALIVE))),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void deliver(EventHub.LoggedEvent event) {
        if (closing) {
            return;
        }
        long pending = pendingBytes.addAndGet(event.size());
        boolean tooFarBehind = pending > MAX_PENDING_BYTES && pending != event.size();
        try {
            if (tooFarBehind) {
                closing = true;
                // Logged and closed on the event loop: this runs under the store's lock.
                ctx.executor().execute(() -> dropBehind(pending));
                return;
            }
            ctx.executor().execute(() -> {
                write(event);
                ctx.flush();
            });
        } catch (RejectedExecutionException e) {
            closing = true; // the control server is shutting down, and the channel with it
        }
    }

    /** Ends the stream with an event saying why, and closes once it is out (or after a grace). */
    private void dropBehind(long pending) {
        LOG.info("event stream to {} closed: {} bytes behind; it may resume with Last-Event-ID",
                ctx.channel().remoteAddress(), pending);
        EventHub.LoggedEvent last = hub.closingFrame("TOO_FAR_BEHIND", "this stream fell more than "
                + MAX_PENDING_BYTES + " bytes of events behind; reconnect with Last-Event-ID to resume");
        ctx.writeAndFlush(new DefaultHttpContent(last.frame())).addListener(future -> ctx.close());
        ctx.executor().schedule(() -> ctx.close(), CLOSING_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Writes an event already counted in {@link #pendingBytes}, and uncounts it once written; the
     * first stream to write an event encodes it, here on its own event loop.
     */
    private void write(EventHub.LoggedEvent event) {
        int size = event.size();
        ctx.write(new DefaultHttpContent(event.frame())).addListener(future -> pendingBytes.addAndGet(-size));
    }

    private void stop() {
        closing = true;
        hub.unsubscribe(this);
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // A stream answers one request; whatever the client sends after it is ignored.
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("event stream to {} failed: {}", ctx.channel().remoteAddress(), LogText.escape(cause));
        ctx.close();
    }
}
