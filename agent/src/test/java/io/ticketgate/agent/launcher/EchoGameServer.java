package io.ticketgate.agent.launcher;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The game server behind a sidecar in the process tests: on each connection reads the PROXY v2 header, then echoes until the agent
 * shuts its side down, then hangs up, as a game server does when its player leaves.
 */
final class EchoGameServer implements AutoCloseable {

    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Signature, version and command, family, length: the fixed part of a PROXY v2 header. */
    private static final int FIXED_HEADER_BYTES = 16;

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private EchoGameServer(ServerSocket server) {
        this.server = server;
    }

    static EchoGameServer start() throws IOException {
        EchoGameServer game = new EchoGameServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(game::acceptAll, "game-server-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return game;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread echo = new Thread(() -> serve(socket), "game-server-" + socket.getPort());
                echo.setDaemon(true);
                echo.start();
            } catch (IOException e) {
                return;   // closed by the test
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            DataInputStream input = new DataInputStream(in);
            byte[] fixed = new byte[FIXED_HEADER_BYTES];
            input.readFully(fixed);
            if (!Arrays.equals(SIGNATURE, Arrays.copyOf(fixed, SIGNATURE.length))) {
                return;   // not a PROXY v2 header: hang up, so the player's echo never comes
            }
            input.skipNBytes(((fixed[14] & 0xff) << 8) | (fixed[15] & 0xff));
            in.transferTo(out);
        } catch (IOException e) {
            // The agent reset the connection: the game server just hangs up.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
