package io.ticketgate.examples.bench.gate;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/**
 * The floor: a bare TGT/1 server with no store and no checks beyond the codec. It reads a
 * CONNECT, answers ACCEPTED, then echoes: what the handshake costs when it costs nothing but
 * the protocol.
 */
public final class FloorServer {

    private FloorServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        LoopbackServer.serve(initializer());
    }

    static ChannelInitializer<SocketChannel> initializer() {
        return LoopbackServer.afterProxyHeader(FloorHandshakeDecoder::new);
    }
}
