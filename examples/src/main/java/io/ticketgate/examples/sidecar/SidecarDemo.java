package io.ticketgate.examples.sidecar;

import io.ticketgate.examples.ChildJvm;
import io.ticketgate.examples.DemoCommandLine;
import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.DemoUsageException;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;

/**
 * Sidecar mode in one command: a game server that only reads PROXY v2 headers, the Ticketgate
 * agent jar beside it as a separate process, a backend reserving through the AWS SDK, and a
 * player connecting with the ticket. The agent signs every header with a secret it shares with
 * the game server, which then refuses a header forged without it. Runs from any directory
 * after the build (it finds the agent jar in the build tree of its own jar):
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.SidecarDemo
 * [--port N] [--control-port N] [--game-port N] [--agent-jar PATH] [--help]}
 */
public final class SidecarDemo {

    static final String USAGE = """
            Usage: java -cp ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.SidecarDemo
                       [--port N] [--control-port N] [--game-port N] [--agent-jar PATH]

            Sidecar mode in one command: starts a game server that reads only PROXY v2 headers, runs
            the agent jar beside it as a process of its own, reserves a ticket with the AWS SDK,
            connects a player with it, then stops the agent with SIGTERM. Runs from any directory.

              --port N          the agent's player port (default 7777; 0 picks a free one)
              --control-port N  the agent's control API, on 127.0.0.1 (default 9080)
              --game-port N     the game server's port, on 127.0.0.1 (default 7000; 0 picks a free one)
              --agent-jar PATH  the sidecar jar (default: agent/target/ticketgate-agent.jar of the
                                build tree this demo's jar is in, else under the current directory)
              --help, -h        print this text and exit
            """;

    private final int playerPort;
    private final int controlPort;

    private SidecarDemo(int playerPort, int controlPort) {
        this.playerPort = playerPort;
        this.controlPort = controlPort;
    }

    public static void main(String[] args) throws Exception {
        DemoProgram.named("sidecar demo", USAGE).valueFlags("--port", "--control-port", "--game-port", "--agent-jar")
                .run(args, SidecarDemo::run);
    }

    private static void run(DemoCommandLine commandLine) throws Exception {
        SidecarDemo demo = new SidecarDemo(commandLine.port("--port", 7777),
                commandLine.fixedPort("--control-port", 9080));
        int gamePort = commandLine.port("--game-port", GreeterGameServer.DEFAULT_PORT);
        Path agentJar = AgentJar.find(commandLine.value("--agent-jar", null));
        Path secretFile = newSecretFile();
        try (GreeterGameServer game = startGameServer(gamePort, secretFile)) {
            demo.run(agentJar, game, secretFile);
        } finally {
            Files.deleteIfExists(secretFile);
        }
    }

    private static GreeterGameServer startGameServer(int port, Path secretFile) throws IOException,
            DemoUsageException {
        try {
            return new GreeterGameServer(port, GreeterGameServer.secret(secretFile));
        } catch (BindException e) {
            throw DemoUsageException.cannotBind("127.0.0.1:" + port, e.getMessage(), "--game-port");
        }
    }

    private void run(Path agentJar, GreeterGameServer game, Path secretFile) throws Exception {
        System.out.println("== A game server on 127.0.0.1:" + game.port()
                + " that reads PROXY v2 headers and checks their signature");
        ChildJvm.requireNoAgentOn(controlPort);
        Process agent = new ProcessBuilder(ChildJvm.command(List.of("-jar", agentJar.toString(),
                "--upstream", "127.0.0.1:" + game.port(),
                "--upstream-secret-file", secretFile.toString(),
                "--player-port", String.valueOf(playerPort),
                "--control-port", String.valueOf(controlPort),
                "--drain-timeout", "2s")))
                .inheritIO()
                .start();
        try {
            if (!ChildJvm.awaitReady(agent, controlPort)) {
                int status = agent.exitValue();
                throw new DemoUsageException("the agent exited with " + status + " before it was ready (its own"
                        + " line above says why; --port, --control-port and --game-port pick other ports)",
                        status != 0 ? status : 1);
            }
        } catch (IOException notReady) {
            agent.destroyForcibly();
            throw new DemoUsageException("the agent " + notReady.getMessage() + "; stopped it", 1);
        }
        try {
            System.out.println("== The sidecar agent is ready; a backend reserves a ticket with the AWS SDK");
            playOneRound();
            tryAForgedHeader(game.port());
        } finally {
            agent.destroy();   // SIGTERM: the agent drains and exits 0
            boolean exited = agent.waitFor(15, TimeUnit.SECONDS);
            System.out.println("== The agent got SIGTERM and exited with " + (exited ? agent.exitValue() : "?"));
        }
    }

    /** A fresh random secret in a file only its owner may read, as an operator would make one. */
    private static Path newSecretFile() throws IOException {
        Path file = Files.createTempFile("ticketgate-upstream-secret", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
        return file;
    }

    /** Connects to the game server directly, as an impostor would, with a header it had to guess the signature of. */
    private void tryAForgedHeader(int gamePort) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(header);
        byte[] tlvs = forgedTlvs();
        out.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11});
        out.writeShort(12 + tlvs.length);
        out.write(new byte[] {127, 0, 0, 1, 127, 0, 0, 1});
        out.writeShort(40000);
        out.writeShort(playerPort);
        out.write(tlvs);
        try (Socket impostor = new Socket(InetAddress.getLoopbackAddress(), gamePort)) {
            impostor.getOutputStream().write(header.toByteArray());
            boolean closed = impostor.getInputStream().read() < 0;
            System.out.println("== An impostor sends the game server a header naming player-7, its signature guessed: "
                    + (closed ? "closed unread" : "ACCEPTED?!"));
        }
    }

    private static byte[] forgedTlvs() throws IOException {
        ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(tlvs);
        String[] values = {"psess-impostor", "player-7", "gsess-any"}; // 0xE0, 0xE1, 0xE2
        for (int i = 0; i < values.length; i++) {
            out.writeByte(0xE0 + i);
            out.writeShort(values[i].length());
            out.writeBytes(values[i]);
        }
        out.writeByte(0xE5);
        out.writeShort(Long.BYTES);
        out.writeLong(System.currentTimeMillis());
        out.writeByte(0xE4);
        out.writeShort(32);
        out.write(new byte[32]);
        return tlvs.toByteArray();
    }

    private void playOneRound() throws IOException {
        try (GameLiftClient gameLift = GameLiftClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + controlPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            GameSession game = gameLift.createGameSession(request -> request
                    .fleetId("fleet-local").maximumPlayerSessionCount(4)).gameSession();
            PlayerSession ticket = gameLift.createPlayerSession(request -> request
                    .gameSessionId(game.gameSessionId()).playerId("player-7").playerData("Ada")).playerSession();
            System.out.println("   reserved " + ticket.playerSessionId() + " for Ada");
            try (TgtConnection player = TgtClient.connect(ticket.ipAddress(), ticket.port(), ticket.playerSessionId())) {
                System.out.println("== Ada connects to the agent: " + player.code());
                BufferedReader fromGame = new BufferedReader(new InputStreamReader(player.input(), StandardCharsets.UTF_8));
                System.out.println("   the game server says: " + fromGame.readLine());
                player.output().write("gg\n".getBytes(StandardCharsets.UTF_8));
                System.out.println("   the game server says: " + fromGame.readLine());
            }
        }
    }
}
