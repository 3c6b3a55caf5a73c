package io.ticketgate.agent.player;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.ticketgate.protocol.Tgt;
import io.ticketgate.protocol.ResultFrame;

/** Encodes RESULT frames into pooled buffers. */
final class ResultFrames {

    private ResultFrames() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, ResultFrame result) {
        ByteBuf out = alloc.buffer(Tgt.RESULT_HEADER_LENGTH + result.detail().length());
        result.encode(out);
        return out;
    }
}
