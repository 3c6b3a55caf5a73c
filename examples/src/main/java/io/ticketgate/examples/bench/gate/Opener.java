package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Opens one player connection through a column's path and proves it reaches the game server:
 * connect, CONNECT with a reserved id where the path speaks TGT/1 (pipelined, as PROTOCOL.md
 * allows, with one probe byte), the RESULT, then the probe echoed back by the echo server. Only
 * then does the connection count as open; its pipeline then holds only {@link QuietClose}: callers
 * add their handlers first.
 */
final class Opener {

    private static final byte PROBE = 0x2a;

    private Opener() {
    }

    /**
     * @param playerSessionId the id to send, or null where the path has no handshake
     * @return the open channel, or a failure saying why
     */
    static CompletableFuture<Channel> open(LoadClient client, InetSocketAddress target, int source,
            String playerSessionId) {
        CompletableFuture<Channel> opened = new CompletableFuture<>();
        client.connect(target, source, new OpenHandler(playerSessionId, opened)).addListener(connecting -> {
            if (!connecting.isSuccess()) {
                opened.completeExceptionally(connecting.cause());
            }
        });
        return opened;
    }

    private static final class OpenHandler extends ChannelInboundHandlerAdapter {

        private final String playerSessionId;
        private final CompletableFuture<Channel> opened;
        private final ResultReader reader = new ResultReader();
        private boolean accepted;

        OpenHandler(String playerSessionId, CompletableFuture<Channel> opened) {
            this.playerSessionId = playerSessionId;
            this.opened = opened;
            this.accepted = playerSessionId == null;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf out = ctx.alloc().buffer();
            if (playerSessionId != null) {
                new ConnectFrame(playerSessionId).encode(out);
            }
            out.writeByte(PROBE);
            ctx.writeAndFlush(out, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf chunk = (ByteBuf) msg;
            if (!accepted) {
                ResultFrame result = reader.add(chunk);
                if (result == null) {
                    return;
                }
                if (result.code() != ResultCode.ACCEPTED) {
                    fail(ctx, result.code() + " " + result.detail());
                    return;
                }
                accepted = true;
                // What followed the RESULT in the same read is the probe's echo.
                if (reader.remaining() > 0) {
                    probed(ctx, reader.remaining());
                }
                return;
            }
            int length = chunk.readableBytes();
            chunk.release();
            probed(ctx, length);
        }

        private void probed(ChannelHandlerContext ctx, int bytes) {
            if (bytes != 1) {
                fail(ctx, "expected the 1-byte probe back, got " + bytes + " bytes");
                return;
            }
            ctx.pipeline().replace(this, "quiet", QuietClose.INSTANCE);
            opened.complete(ctx.channel());
        }

        private void fail(ChannelHandlerContext ctx, String why) {
            opened.completeExceptionally(new IllegalStateException(why));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            opened.completeExceptionally(new IllegalStateException("closed before the probe came back"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            opened.completeExceptionally(cause);
            ctx.close();
        }
    }
}
