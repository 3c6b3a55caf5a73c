package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.ticketgate.protocol.ResultFrame;
import java.util.concurrent.TimeUnit;

/**
 * Sends a refusing RESULT and closes without losing it. Closing a socket that still holds unread
 * bytes (a client may pipeline game bytes after CONNECT) makes the kernel reset the connection,
 * and a reset can destroy the RESULT before the client reads it. So: send the RESULT, shut down
 * output (the client sees a clean end), read and drop whatever the client still sends, and close
 * when it closes or after a short linger.
 */
final class Refusal {

    static final long LINGER_MILLIS = 2_000;
    /**
     * For connections refused over a limit, before anything was read: a flood of them must not
     * hold descriptors for long, and a client that sent only a CONNECT has read its RESULT by then.
     */
    static final long SHORT_LINGER_MILLIS = 250;
    private static final String DISCARD = "ticketgate-discard";

    private Refusal() {
    }

    /** Call on the channel's event loop. */
    static void send(Channel channel, ResultFrame result) {
        send(channel, result, LINGER_MILLIS);
    }

    /** The same, closing at the latest {@code lingerMillis} after the RESULT is out. */
    static void send(Channel channel, ResultFrame result, long lingerMillis) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(DISCARD) == null) {
            pipeline.addLast(DISCARD, Discard.INSTANCE);
        }
        for (String handshakeHandler : new String[] {PlayerPipeline.HANDSHAKE_TIMEOUT, PlayerPipeline.HANDSHAKE,
                PlayerPipeline.HANDSHAKE_DECODER, PlayerPipeline.REFUSE}) {
            if (pipeline.get(handshakeHandler) != null) {
                pipeline.remove(handshakeHandler);
            }
        }
        channel.writeAndFlush(ResultFrames.encode(channel.alloc(), result)).addListener(written -> {
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            SslHandler tls = pipeline.get(SslHandler.class);
            if (tls != null) {
                // close_notify first: the client's TLS sees the end of the session, not a truncation.
                tls.closeOutbound().addListener(notified -> duplex.shutdownOutput());
            } else {
                duplex.shutdownOutput();
            }
            channel.config().setAutoRead(true);
            channel.eventLoop().schedule(() -> channel.close(), lingerMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** Drops what a refused client still sends; the channel closes when the client does. */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        static final Discard INSTANCE = new Discard();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
