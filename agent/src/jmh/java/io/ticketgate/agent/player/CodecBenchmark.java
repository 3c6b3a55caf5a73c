package io.ticketgate.agent.player;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.ticketgate.agent.RepeatedCalls;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The handshake's two frames: decoding a CONNECT with a fresh {@link HandshakeDecoder} (one per
 * connection, as on the pipeline) and encoding the ACCEPTED RESULT into a buffer from Netty's
 * default allocator, which a player channel's {@code ctx.alloc()} is.
 */
@State(Scope.Thread)
public class CodecBenchmark extends RepeatedCalls {

    private static final ResultFrame ACCEPTED = ResultFrame.of(ResultCode.ACCEPTED);

    private ByteBuf connect;
    private final List<Object> decoded = new ArrayList<>(1);

    @Setup
    public void setUp() {
        // The store's ids look like this one: "psess-" and a UUID.
        connect = Unpooled.wrappedBuffer(new ConnectFrame("psess-" + UUID.randomUUID()).toBytes());
    }

    @Benchmark
    public Object decodeConnect() {
        connect.readerIndex(0);
        decoded.clear();
        // The decoder reads no context: it needs none to turn bytes into a frame.
        new HandshakeDecoder().decode(null, connect, decoded);
        return decoded.get(0);
    }

    @Benchmark
    public int encodeResult() {
        ByteBuf result = ResultFrames.encode(ByteBufAllocator.DEFAULT, ACCEPTED);
        int length = result.readableBytes();
        result.release();
        return length;
    }
}
