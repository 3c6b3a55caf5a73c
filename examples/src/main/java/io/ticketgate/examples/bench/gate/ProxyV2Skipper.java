package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Drops a PROXY protocol v2 header if the connection starts with one (from HAProxy's
 * {@code send-proxy-v2} or the sidecar), then leaves the pipeline; the bytes after it go on.
 */
final class ProxyV2Skipper extends ByteToMessageDecoder {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Signature, version and command, family, u16 length. */
    private static final int HEADER_LENGTH = 16;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int seen = Math.min(in.readableBytes(), SIGNATURE.length);
        for (int i = 0; i < seen; i++) {
            if (in.getByte(start + i) != SIGNATURE[i]) {
                ctx.pipeline().remove(this);
                return;
            }
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int length = HEADER_LENGTH + in.getUnsignedShort(start + 14);
        if (in.readableBytes() >= length) {
            in.skipBytes(length);
            ctx.pipeline().remove(this);
        }
    }
}
