package io.ticketgate.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Plays the agent for one connection on 127.0.0.1: accepts it and runs a script on it in a
 * thread of its own. {@link #awaitScript()} rethrows the script's failure, so its assertions count.
 */
final class FakeAgent implements AutoCloseable {

    /** What the agent does with the accepted connection; the socket is closed afterwards. */
    interface Script {
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile Socket accepted;

    FakeAgent(Script script) throws IOException {
        this(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), script);
    }

    /** Plays the agent on {@code server}, already bound to 127.0.0.1 (a TLS server socket, say). */
    FakeAgent(ServerSocket server, Script script) {
        this.server = server;
        Thread thread = new Thread(() -> serve(script), "fake-agent");
        thread.setDaemon(true);
        thread.start();
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the script to end and rethrows what it threw. */
    void awaitScript() throws Exception {
        try {
            finished.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Reads one CONNECT frame the way the agent does, and nothing after it. */
    static ConnectFrame readConnect(InputStream in) throws IOException {
        byte[] header = in.readNBytes(Tgt.CONNECT_HEADER_LENGTH);
        int fieldsLength = header.length < Tgt.CONNECT_HEADER_LENGTH ? 0 : ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        byte[] fields = in.readNBytes(fieldsLength);
        ByteBuf frame = Unpooled.wrappedBuffer(header, fields);
        try {
            ConnectParse parse = ConnectParser.parse(frame);
            if (parse instanceof ConnectParse.Complete complete) {
                return complete.frame();
            }
            throw new EOFException("expected a whole CONNECT, got " + parse);
        } finally {
            frame.release();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = accepted;
        if (socket != null) {
            // Unblocks a script still waiting on the client, e.g. when the test failed early.
            socket.close();
        }
    }

    private void serve(Script script) {
        try (Socket socket = server.accept()) {
            accepted = socket;
            script.run(socket);
            finished.complete(null);
        } catch (Throwable e) {
            finished.completeExceptionally(e);
        }
    }
}
