package io.ticketgate.examples.bench.gate;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** The "game server" of the comparison: skips a PROXY v2 header if one comes, then echoes. */
public final class EchoServer {

    private EchoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        LoopbackServer.serve(initializer());
    }

    static ChannelInitializer<SocketChannel> initializer() {
        return LoopbackServer.afterProxyHeader(() -> EchoHandler.INSTANCE);
    }
}
