package io.ticketgate.agent.player;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import io.ticketgate.protocol.Tgt;

/** Encodes RESULT frames into pooled buffers. */
final class ResultFrames {

    /** ACCEPTED has no detail, so every player gets the same bytes: encoded once, never released. */
    private static final ByteBuf ACCEPTED = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes(ResultFrame.of(ResultCode.ACCEPTED).toBytes()));

    private ResultFrames() {
    }

    /** A view of the shared ACCEPTED frame with its own indices, to write once. */
    static ByteBuf accepted() {
        return ACCEPTED.duplicate();
    }

    static ByteBuf encode(ByteBufAllocator alloc, ResultFrame result) {
        ByteBuf out = alloc.buffer(Tgt.RESULT_HEADER_LENGTH + result.detail().length());
        result.encode(out);
        return out;
    }
}
