package io.ticketgate.examples.sidecar;

import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.DemoUsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * A game server that knows nothing of Ticketgate but the PROXY v2 header: it sits behind the
 * sidecar, reads who each player is from the header, greets them by their PlayerData and then
 * echoes their lines. Plain blocking Java, as a stand-in for a Unity, Unreal or Go server.
 * Given the secret the agent signs headers with, it checks each header's signature and closes a
 * connection whose header is forged, unsigned or stale without greeting anyone.
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.GreeterGameServer
 * [--port N] [--secret-file FILE]}
 */
public final class GreeterGameServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 7000;

    private final ServerSocket server;
    /** Null: any header is taken, as from an agent without --upstream-secret-file. */
    private final SignedHeaderCheck check;

    /** A game server that takes any header: only the agent must be able to reach it. */
    public GreeterGameServer(int port) throws IOException {
        this(port, null, Clock.systemUTC());
    }

    /**
     * A game server that greets only players whose header is signed with {@code secret}.
     *
     * @param secret the bytes of the agent's --upstream-secret-file, one trailing newline removed
     */
    public GreeterGameServer(int port, byte[] secret) throws IOException {
        this(port, secret, Clock.systemUTC());
    }

    GreeterGameServer(int port, byte[] secret, Clock clock) throws IOException {
        this.check = secret == null ? null : new SignedHeaderCheck(secret, clock);
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

    private void play(Socket socket) {
        try (socket) {
            ProxyHeader who;
            try {
                who = ProxyHeader.read(socket.getInputStream(), check);
            } catch (SignedHeaderCheck.ForgedHeaderException e) {
                System.err.println("greeter: refused a connection from " + socket.getRemoteSocketAddress() + ": "
                        + e.getMessage());
                return;
            }
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

    /** Reads a secret as the agent does: the file's bytes, one trailing newline (LF or CRLF) removed. */
    static byte[] secret(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end -= end > 1 && bytes[end - 2] == '\r' ? 2 : 1;
        }
        return Arrays.copyOf(bytes, end);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String USAGE = """
            Usage: java -cp ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.GreeterGameServer
                       [--port N] [--secret-file FILE]

            A game server that knows Ticketgate only through the PROXY v2 header: it greets each
            player by their PlayerData and echoes their lines. Put the sidecar in front of it.

              --port N            the port the sidecar connects to, on 127.0.0.1 (default 7000;
                                  0 picks a free one)
              --secret-file FILE  the agent's --upstream-secret-file: greet only players whose
                                  header is signed with it (default: take any header)
              --help, -h          print this text and exit
            """;

    public static void main(String[] args) throws Exception {
        DemoProgram.named("greeter game server", USAGE).valueFlags("--port", "--secret-file").run(args, commandLine -> {
            int port = commandLine.port("--port", DEFAULT_PORT);
            String secretFile = commandLine.value("--secret-file", null);
            byte[] secret = secretFile == null ? null : readableSecret(Path.of(secretFile));
            try (GreeterGameServer greeter = listen(port, secret)) {
                System.out.println("Greeter game server on 127.0.0.1:" + greeter.port()
                        + "; start the sidecar with --upstream 127.0.0.1:" + greeter.port()
                        + (secret == null ? "" : " --upstream-secret-file " + secretFile));
                Thread.currentThread().join();
            }
        });
    }

    private static byte[] readableSecret(Path file) throws DemoUsageException {
        try {
            return secret(file);
        } catch (IOException e) {
            // The JDK's file exceptions carry only the path as their message.
            String why = e instanceof NoSuchFileException ? "no such file"
                    : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
            throw new DemoUsageException("--secret-file: cannot read " + file + " (" + why + ")");
        }
    }

    private static GreeterGameServer listen(int port, byte[] secret) throws IOException, DemoUsageException {
        try {
            return new GreeterGameServer(port, secret);
        } catch (BindException e) {
            throw DemoUsageException.cannotBind("127.0.0.1:" + port, e.getMessage(), "--port");
        }
    }
}
