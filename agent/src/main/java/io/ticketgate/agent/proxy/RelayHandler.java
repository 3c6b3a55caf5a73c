package io.ticketgate.agent.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what one channel reads to its peer, one direction of the sidecar's pipe; each side of
 * the pipe has one. Its channel reads on its own (auto-read) while the peer is writable and stops
 * once the peer is not, until the peer drained below its low water mark, so a slow reader on
 * either side makes the agent stop reading, not buffer. Reading on demand instead (Netty's
 * HexDumpProxy) would cost two {@code epoll_ctl} calls a message on epoll; writes are flushed
 * once per read batch.
 *
 * <p>The end of its channel's input (half-close) shuts down the peer's output once everything
 * before it was written; the close of its channel closes the peer the same way.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Channel peer;
    private boolean unflushed;

    RelayHandler(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        // A failed write closes the peer, whose relay then closes this channel.
        peer.write(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        unflushed = true;
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            peer.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** Its own channel drained below the low water mark: the peer may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        // A TLS player's close_notify ends its input as a TCP half-close does a plaintext one's.
        if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent) {
            if (peer instanceof DuplexChannel duplex && duplex.isInputShutdown()) {
                // The other way ended first: nothing flows either way now, so close rather than
                // half-close (Netty builds an exception with a stack trace for every shutdownOutput).
                closeAfterPendingWrites(peer);
            } else {
                afterPendingWrites(peer, RelayHandler::shutdownOutput);
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeAfterPendingWrites(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes are how players leave; they are not the agent's failures.
        LOG.debug("relay {} -> {} failed", ctx.channel(), peer, cause);
        ctx.close();
    }

    /** Closes {@code channel} once what was written to it before is flushed. */
    static void closeAfterPendingWrites(Channel channel) {
        if (channel.isActive()) {
            afterPendingWrites(channel, ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    private static void afterPendingWrites(Channel channel, ChannelFutureListener then) {
        if (channel.isActive()) {
            // Writes complete in order, so this empty one completes after every earlier one.
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(then);
        }
    }

    /** Half-closes a pipe end; once neither way carries bytes, closes it. */
    private static void shutdownOutput(ChannelFuture flushed) {
        Channel channel = flushed.channel();
        if (!(channel instanceof DuplexChannel duplex) || !flushed.isSuccess()) {
            channel.close();
            return;
        }
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            // A TLS player learns of the end from close_notify, then from the TCP half-close.
            tls.closeOutbound().addListener(notified -> shutdownSocketOutput(duplex));
        } else {
            shutdownSocketOutput(duplex);
        }
    }

    private static void shutdownSocketOutput(DuplexChannel duplex) {
        duplex.shutdownOutput().addListener((ChannelFutureListener) shut -> {
            if (!shut.isSuccess() || duplex.isInputShutdown()) {
                duplex.close();
            }
        });
    }
}
