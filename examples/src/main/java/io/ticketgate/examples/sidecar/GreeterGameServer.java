package io.ticketgate.examples.sidecar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A game server that knows nothing of Ticketgate but the PROXY v2 header: it sits behind the
 * sidecar, reads who each player is from the header, greets them by their PlayerData and then
 * echoes their lines. Plain blocking Java, as a stand-in for a Unity, Unreal or Go server.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.GreeterGameServer [PORT]}
 */
public final class GreeterGameServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 7000;

    private final ServerSocket server;

    public GreeterGameServer(int port) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptPlayers, "greeter-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptPlayers() {
        while (!server.isClosed()) {
            try {
                Socket player = server.accept();
                Thread session = new Thread(() -> play(player), "greeter-player");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void play(Socket socket) {
        try (socket) {
            ProxyHeader who = ProxyHeader.read(socket.getInputStream());
            String name = who.playerData() != null ? who.playerData() : who.playerId();
            OutputStream out = socket.getOutputStream();
            send(out, "Hello, " + name + "! You are " + who.playerId() + " from " + who.sourceAddress() + ":"
                    + who.sourcePort() + ", in " + who.gameSessionId());
            BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                send(out, name + " said: " + line);
            }
        } catch (IOException e) {
            System.err.println("greeter: a player connection failed: " + e.getMessage());
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        try (GreeterGameServer greeter = new GreeterGameServer(port)) {
            System.out.println("Greeter game server on 127.0.0.1:" + greeter.port()
                    + "; start the sidecar with --upstream 127.0.0.1:" + greeter.port());
            Thread.currentThread().join();
        }
    }
}
