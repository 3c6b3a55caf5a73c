package io.ticketgate.examples.bench.gate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ticketgate.protocol.ResultFrame;
import io.ticketgate.protocol.Tgt;

/** Gathers the bytes of one RESULT frame as they arrive, keeping whatever follows it. */
final class ResultReader {

    private final ByteBuf received = Unpooled.buffer(64);

    /**
     * Takes (and releases) {@code chunk}.
     *
     * @return the RESULT once whole, else null
     */
    ResultFrame add(ByteBuf chunk) {
        try {
            received.writeBytes(chunk);
        } finally {
            chunk.release();
        }
        if (received.readableBytes() < Tgt.RESULT_HEADER_LENGTH
                || received.readableBytes() < Tgt.RESULT_HEADER_LENGTH
                        + received.getUnsignedShort(received.readerIndex() + 5)) {
            return null;
        }
        return ResultFrame.decode(received);
    }

    /** The bytes received after the RESULT. */
    int remaining() {
        return received.readableBytes();
    }
}
