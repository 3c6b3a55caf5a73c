package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A player's side of a real loopback connection to the agent, speaking raw TGT/1. */
final class PlayerSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private PlayerSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static PlayerSocket open(InetSocketAddress agent) throws IOException {
        return open(agent, 0);
    }

    /** Opens a connection; {@code sendBufferBytes} above 0 sizes the client's send buffer first. */
    static PlayerSocket open(InetSocketAddress agent, int sendBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (sendBufferBytes > 0) {
                socket.setSendBufferSize(sendBufferBytes);
            }
            socket.setTcpNoDelay(true);
            socket.connect(agent);
            return new PlayerSocket(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends a CONNECT for {@code playerSessionId} and returns the agent's RESULT. */
    ResultFrame connect(String playerSessionId) throws IOException {
        send(new ConnectFrame(playerSessionId).toBytes());
        return readResult();
    }

    /** Sends all {@code parts} in one write, so they leave in as few segments as TCP allows. */
    PlayerSocket send(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        out.write(all.toByteArray());
        out.flush();
        return this;
    }

    ResultFrame readResult() throws IOException {
        return ResultFrame.read(in);
    }

    byte[] readBytes(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        assertEquals(length, bytes.length, "the agent closed the connection early");
        return bytes;
    }

    /** Asserts that the agent closed the connection: nothing more arrives, just the end of stream. */
    void assertClosedByAgent() throws IOException {
        assertEquals(-1, in.read(), "the agent should have closed the connection");
    }

    /** Bounds each read, for tests where a hung read would be the failure, not a wait. */
    void setReadTimeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
