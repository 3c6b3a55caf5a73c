package io.ticketgate.agent.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The game server behind a sidecar: a blocking loopback server whose connections read the PROXY
 * v2 header with Netty's own decoder, then the player's bytes.
 */
final class FakeGameServer implements AutoCloseable {

    /** Signature, version and command, family, length: the fixed part of a PROXY v2 header. */
    private static final int FIXED_HEADER_BYTES = 16;
    private static final int ACCEPT_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;

    private FakeGameServer(ServerSocket server) {
        this.server = server;
    }

    /** Listens on a free loopback port. */
    static FakeGameServer start() throws IOException {
        return start(0, 0);
    }

    /**
     * Listens on {@code port} (0: a free one); accepted sockets get {@code receiveBuffer} bytes of
     * receive buffer (0: the system's), set before accepting so the window is small from the start.
     */
    static FakeGameServer start(int port, int receiveBuffer) throws IOException {
        // Opened as a channel, so each accepted socket also has one, for non-blocking writes.
        ServerSocket server = ServerSocketChannel.open().socket();
        server.setReuseAddress(true);
        if (receiveBuffer > 0) {
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.setSoTimeout(ACCEPT_TIMEOUT_MILLIS);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new FakeGameServer(server);
    }

    /** Returns a loopback port nobody listens on (just freed). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the agent's next connection. */
    Connection accept() throws IOException {
        return new Connection(server.accept());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * What the game server learned from the header.
     *
     * @param tlvs TLV values by type (0xE0 .. 0xE3), decoded as UTF-8, in header order
     * @param bytes the whole header as received
     */
    record ProxyHeader(HAProxyCommand command, HAProxyProxiedProtocol protocol,
            InetSocketAddress source, InetSocketAddress destination, Map<Integer, String> tlvs, byte[] bytes) {
    }

    /** One connection from the agent: one player. */
    static final class Connection implements AutoCloseable {
        final Socket socket;
        private final DataInputStream input;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.input = new DataInputStream(socket.getInputStream());
        }

        /** Reads exactly the header and decodes it with {@link HAProxyMessageDecoder}. */
        ProxyHeader readProxyHeader() throws IOException {
            byte[] fixed = readBytes(FIXED_HEADER_BYTES);
            int length = ((fixed[14] & 0xff) << 8) | (fixed[15] & 0xff);
            byte[] header = Arrays.copyOf(fixed, FIXED_HEADER_BYTES + length);
            input.readFully(header, FIXED_HEADER_BYTES, length);
            EmbeddedChannel decoder = new EmbeddedChannel(new HAProxyMessageDecoder());
            try {
                decoder.writeInbound(Unpooled.wrappedBuffer(header));
                HAProxyMessage message = decoder.readInbound();
                if (message == null) {
                    throw new AssertionError("not a PROXY v2 header: " + Arrays.toString(header));
                }
                try {
                    Map<Integer, String> tlvs = new LinkedHashMap<>();
                    for (HAProxyTLV tlv : message.tlvs()) {
                        if ((tlv.typeByteValue() & 0xff) > 0xE3) {
                            continue; // the signature and its time are binary: see bytes
                        }
                        tlvs.put(tlv.typeByteValue() & 0xff, tlv.content().toString(StandardCharsets.UTF_8));
                    }
                    return new ProxyHeader(message.command(), message.proxiedProtocol(),
                            new InetSocketAddress(InetAddress.getByName(message.sourceAddress()), message.sourcePort()),
                            new InetSocketAddress(InetAddress.getByName(message.destinationAddress()),
                                    message.destinationPort()),
                            tlvs, header);
                } finally {
                    message.release();
                }
            } finally {
                decoder.finishAndReleaseAll();
            }
        }

        byte[] readBytes(int length) throws IOException {
            byte[] bytes = new byte[length];
            input.readFully(bytes);
            return bytes;
        }

        /** Reads until the agent shuts down its output; returns what came. */
        byte[] readToEnd() throws IOException {
            return input.readAllBytes();
        }

        /** The socket's channel; reading and writing with streams needs it in blocking mode. */
        SocketChannel channel() {
            return socket.getChannel();
        }

        InputStream input() {
            return input;
        }

        OutputStream output() throws IOException {
            return socket.getOutputStream();
        }

        void write(byte[] bytes) throws IOException {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        }

        /** Closes the game server's side of the connection. */
        void hangUp() throws IOException {
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
