package io.ticketgate.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A blocking TGT/1 client: opens a TCP connection to an agent, sends CONNECT and reads the
 * RESULT. On ACCEPTED the returned connection's streams belong to the game.
 *
 * <p>Over TLS ({@link Options#withTls}) the bytes are the same, inside the TLS stream: the client
 * completes the TLS handshake, then sends CONNECT.
 *
 * <p>Every method may be called from any thread; each call opens its own connection.
 */
public final class TgtClient {

    private TgtClient() {
    }

    /**
     * Connects with {@link Options#defaults()}.
     *
     * @param host the agent's host name or address
     * @param port the agent's player port
     * @param playerSessionId the player session id the backend handed out, e.g.
     *     {@code psess-1b2c3d4e-0000-4000-8000-00000000abcd}
     * @return the connection: open and owned by the game if {@link TgtConnection#accepted()},
     *     already closed otherwise
     * @throws IllegalArgumentException if the id cannot be sent (empty, over 1024 UTF-8 bytes, or
     *     an unpaired surrogate) or the port is outside 0..65535; nothing is sent then
     * @throws IOException if the connection cannot be made, the RESULT does not arrive within the
     *     read timeout ({@link SocketTimeoutException}), the agent closes before a whole RESULT
     *     ({@link EOFException}) or sends bytes that are not a RESULT
     */
    public static TgtConnection connect(String host, int port, String playerSessionId) throws IOException {
        return connect(host, port, playerSessionId, Options.defaults());
    }

    /**
     * Connects, writes CONNECT followed by {@link Options#pipelined()} in one write, and blocks
     * until the RESULT is read or the read timeout passes. The read timeout only covers the
     * RESULT: it is cleared before the connection is returned.
     *
     * @param host the agent's host name or address
     * @param port the agent's player port
     * @param playerSessionId the player session id the backend handed out
     * @param options timeouts and the bytes to pipeline
     * @return the connection: open and owned by the game if {@link TgtConnection#accepted()},
     *     already closed otherwise
     * @throws IllegalArgumentException if the id cannot be sent (empty, over 1024 UTF-8 bytes, or
     *     an unpaired surrogate) or the port is outside 0..65535; nothing is sent then
     * @throws IOException if the connection cannot be made, the RESULT does not arrive within the
     *     read timeout ({@link SocketTimeoutException}), the agent closes before a whole RESULT
     *     ({@link EOFException}) or sends bytes that are not a RESULT
     */
    public static TgtConnection connect(String host, int port, String playerSessionId, Options options)
            throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        byte[] connect = new ConnectFrame(playerSessionId).toBytes();
        byte[] pipelined = options.pipelined();
        byte[] firstWrite = Arrays.copyOf(connect, connect.length + pipelined.length);
        System.arraycopy(pipelined, 0, firstWrite, connect.length, pipelined.length);

        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), toMillis(options.connectTimeout()));
            if (options.tls() != null) {
                // The read timeout bounds the TLS handshake too: an agent that never answers is an error.
                socket.setSoTimeout(toMillis(options.readTimeout()));
                socket = startTls(socket, host, port, options);
            }
            // One write, so CONNECT and the pipelined bytes leave in as few segments as possible.
            socket.getOutputStream().write(firstWrite);
            socket.setSoTimeout(toMillis(options.readTimeout()));
            ResultFrame result = readResult(socket, host, port, options.readTimeout());
            socket.setSoTimeout(0);
            TgtConnection connection = new TgtConnection(socket, result);
            if (!connection.accepted()) {
                // The agent closes after any other code; close our side too.
                connection.close();
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket, e);
            throw e;
        }
    }

    /** Wraps the connected socket in TLS and completes the handshake; TGT/1 then runs inside it. */
    private static Socket startTls(Socket plain, String host, int port, Options options) throws IOException {
        SSLSocket tls = (SSLSocket) options.tls().getSocketFactory().createSocket(plain, host, port, true);
        if (options.verifyHostname()) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        try {
            tls.startHandshake();
        } catch (IOException e) {
            closeQuietly(tls, e);
            throw e;
        }
        return tls;
    }

    private static ResultFrame readResult(Socket socket, String host, int port, Duration readTimeout)
            throws IOException {
        String agent = host + ":" + port;
        try {
            return ResultFrame.read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException(
                    "no RESULT from the agent at " + agent + " within " + readTimeout.toMillis() + " ms");
            timeout.initCause(e);
            throw timeout;
        } catch (EOFException e) {
            EOFException closed = new EOFException("agent at " + agent + ": " + e.getMessage());
            closed.initCause(e);
            throw closed;
        }
    }

    private static void closeQuietly(Socket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static int toMillis(Duration timeout) {
        return (int) timeout.toMillis();
    }

    /**
     * How {@link TgtClient#connect(String, int, String, Options)} connects. Immutable; build one
     * from {@link #defaults()} with the {@code with...} methods.
     *
     * @param connectTimeout how long to wait for the TCP connection; positive
     * @param readTimeout how long to wait for the whole RESULT once CONNECT is written; positive
     * @param pipelined bytes for the game, written right after CONNECT in the same write, before
     *     the RESULT is read; empty for none. If the agent rejects the player they are dropped.
     * @param tls the TLS to speak, for an agent whose player port is TLS; null for plaintext. Its
     *     trust managers decide which certificates are trusted: see {@link TgtTls}
     * @param verifyHostname over TLS, whether the agent's certificate must name {@code host}
     *     (true by default; ignored without TLS)
     */
    public record Options(Duration connectTimeout, Duration readTimeout, byte[] pipelined, SSLContext tls,
            boolean verifyHostname) {

        /** The default {@link #connectTimeout()}: 5 seconds. */
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        /**
         * The default {@link #readTimeout()}: 10 seconds, twice the agent's default handshake
         * timeout, so a slow game's decision still arrives.
         */
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

        private static final byte[] NONE = {};
        // java.net takes int milliseconds, and 0 would mean "wait forever".
        private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
        private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

        /**
         * Checks the settings and copies {@code pipelined}.
         *
         * @param connectTimeout how long to wait for the TCP connection
         * @param readTimeout how long to wait for the whole RESULT
         * @param pipelined bytes to send right after CONNECT; null or empty for none
         * @param tls the TLS context; null for plaintext
         * @param verifyHostname over TLS, whether the certificate must name the host
         * @throws NullPointerException if a timeout is null
         * @throws IllegalArgumentException if a timeout is not between 1 ms and
         *     {@link Integer#MAX_VALUE} ms
         */
        public Options {
            requireTimeout(connectTimeout, "connectTimeout");
            requireTimeout(readTimeout, "readTimeout");
            pipelined = pipelined == null || pipelined.length == 0 ? NONE : pipelined.clone();
        }

        /**
         * Returns the defaults: {@link #DEFAULT_CONNECT_TIMEOUT}, {@link #DEFAULT_READ_TIMEOUT},
         * nothing pipelined.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, NONE, null, true);
        }

        /**
         * Plaintext options; the constructor of the options before TLS.
         *
         * @param connectTimeout how long to wait for the TCP connection
         * @param readTimeout how long to wait for the whole RESULT
         * @param pipelined bytes to send right after CONNECT; null or empty for none
         */
        public Options(Duration connectTimeout, Duration readTimeout, byte[] pipelined) {
            this(connectTimeout, readTimeout, pipelined, null, true);
        }

        /**
         * Returns a copy that speaks TLS with {@code context}, verifying that the agent's
         * certificate names the host connected to. {@link TgtTls} makes contexts that trust the
         * system's certificate authorities, a trust store, or one given certificate.
         *
         * @param context the TLS context; null for plaintext
         * @return the new options
         */
        public Options withTls(SSLContext context) {
            return new Options(connectTimeout, readTimeout, pipelined, context, verifyHostname);
        }

        /**
         * Returns a copy that does not check that the agent's certificate names the host: only
         * for a certificate trusted on its own ({@link TgtTls#trustingCertificate}) whose names do
         * not include the address connected to.
         *
         * @return the new options
         */
        public Options withoutHostnameVerification() {
            return new Options(connectTimeout, readTimeout, pipelined, tls, false);
        }

        /**
         * Returns a copy with another connect timeout.
         *
         * @param timeout how long to wait for the TCP connection
         * @return the new options
         * @throws IllegalArgumentException if the timeout is not between 1 ms and
         *     {@link Integer#MAX_VALUE} ms
         */
        public Options withConnectTimeout(Duration timeout) {
            return new Options(timeout, readTimeout, pipelined, tls, verifyHostname);
        }

        /**
         * Returns a copy with another RESULT read timeout.
         *
         * @param timeout how long to wait for the whole RESULT
         * @return the new options
         * @throws IllegalArgumentException if the timeout is not between 1 ms and
         *     {@link Integer#MAX_VALUE} ms
         */
        public Options withReadTimeout(Duration timeout) {
            return new Options(connectTimeout, timeout, pipelined, tls, verifyHostname);
        }

        /**
         * Returns a copy that pipelines {@code bytes} right after CONNECT.
         *
         * @param bytes the game's first bytes (copied); null or empty for none
         * @return the new options
         */
        public Options withPipelined(byte[] bytes) {
            return new Options(connectTimeout, readTimeout, bytes, tls, verifyHostname);
        }

        /**
         * Returns the bytes pipelined after CONNECT.
         *
         * @return a copy; empty for none
         */
        @Override
        public byte[] pipelined() {
            return pipelined.clone();
        }

        // A record compares arrays by identity; options are values, so compare their contents.
        @Override
        public boolean equals(Object other) {
            return other instanceof Options that
                    && connectTimeout.equals(that.connectTimeout)
                    && readTimeout.equals(that.readTimeout)
                    && Arrays.equals(pipelined, that.pipelined)
                    && Objects.equals(tls, that.tls)
                    && verifyHostname == that.verifyHostname;
        }

        @Override
        public int hashCode() {
            return Objects.hash(connectTimeout, readTimeout, Arrays.hashCode(pipelined), tls, verifyHostname);
        }

        @Override
        public String toString() {
            return "Options[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                    + ", pipelined=" + pipelined.length + " bytes"
                    + (tls == null ? "" : ", tls" + (verifyHostname ? "" : " without hostname verification")) + "]";
        }

        private static void requireTimeout(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE
                        + " ms, was " + timeout);
            }
        }
    }
}
