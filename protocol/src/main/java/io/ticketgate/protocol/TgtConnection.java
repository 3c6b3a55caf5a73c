package io.ticketgate.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A connection opened by {@link TgtClient}, with the agent's RESULT. When it was
 * {@linkplain #accepted() accepted}, its streams carry the game's bytes, starting with the first
 * byte after the RESULT; otherwise it is already closed.
 *
 * <p>Threading: like a {@link Socket}, one thread may read while another writes; {@link #close()}
 * may be called from any thread and unblocks both.
 */
public final class TgtConnection implements Closeable {

    private final Socket socket;
    private final ResultFrame result;

    TgtConnection(Socket socket, ResultFrame result) {
        this.socket = socket;
        this.result = result;
    }

    /**
     * Returns the agent's answer.
     *
     * @return the RESULT code
     */
    public ResultCode code() {
        return result.code();
    }

    /**
     * Returns the agent's explanation, for logs and support; never shown to players as is.
     *
     * @return the RESULT detail, possibly empty
     */
    public String detail() {
        return result.detail();
    }

    /**
     * Tells whether the agent accepted the player, so the connection now belongs to the game.
     *
     * @return true if the code is {@link ResultCode#ACCEPTED}
     */
    public boolean accepted() {
        return result.code() == ResultCode.ACCEPTED;
    }

    /**
     * Returns the stream of the game's bytes; the RESULT has already been read from it.
     *
     * @return the socket's input stream
     * @throws IllegalStateException if the player was not accepted
     * @throws IOException if the socket has been closed since
     */
    public InputStream input() throws IOException {
        requireAccepted();
        return socket.getInputStream();
    }

    /**
     * Returns the stream to the game. It is unbuffered: wrap it in a buffered stream to batch
     * small writes.
     *
     * @return the socket's output stream
     * @throws IllegalStateException if the player was not accepted
     * @throws IOException if the socket has been closed since
     */
    public OutputStream output() throws IOException {
        requireAccepted();
        return socket.getOutputStream();
    }

    /**
     * Returns the underlying socket, to read its addresses or set options.
     *
     * @return the socket; closed if the player was not accepted
     */
    public Socket socket() {
        return socket;
    }

    /**
     * Closes the connection. Idempotent.
     *
     * @throws IOException if closing the socket fails
     */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "TgtConnection[" + result.code() + (result.detail().isEmpty() ? "" : ": " + result.detail())
                + ", " + socket.getRemoteSocketAddress() + "]";
    }

    private void requireAccepted() {
        if (!accepted()) {
            throw new IllegalStateException("the agent did not accept the player: " + result.code()
                    + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"));
        }
    }
}
