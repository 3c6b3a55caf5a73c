package io.ticketgate.examples.sidecar;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
 * the game server, which then refuses a header forged without it. Run from the repository root
 * after the build:
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.SidecarDemo}
 */
public final class SidecarDemo {

    private static final int PLAYER_PORT = 7777;
    private static final int CONTROL_PORT = 9080;

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args.length > 0 ? args[0] : "agent/target/ticketgate-agent.jar");
        Path secretFile = newSecretFile();
        try (GreeterGameServer game = new GreeterGameServer(GreeterGameServer.DEFAULT_PORT,
                GreeterGameServer.secret(secretFile))) {
            System.out.println("== A game server on 127.0.0.1:" + game.port()
                    + " that reads PROXY v2 headers and checks their signature");
            Process agent = new ProcessBuilder(javaCommand(), "-jar", agentJar.toString(),
                    "--upstream", "127.0.0.1:" + game.port(),
                    "--upstream-secret-file", secretFile.toString(),
                    "--player-port", String.valueOf(PLAYER_PORT),
                    "--control-port", String.valueOf(CONTROL_PORT),
                    "--drain-timeout", "2s")
                    .inheritIO()
                    .start();
            try {
                awaitReady(agent);
                System.out.println("== The sidecar agent is ready; a backend reserves a ticket with the AWS SDK");
                playOneRound();
                tryAForgedHeader(game.port());
            } finally {
                agent.destroy();   // SIGTERM: the agent drains and exits 0
                boolean exited = agent.waitFor(15, TimeUnit.SECONDS);
                System.out.println("== The agent got SIGTERM and exited with " + (exited ? agent.exitValue() : "?"));
            }
        } finally {
            Files.deleteIfExists(secretFile);
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
    private static void tryAForgedHeader(int gamePort) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(header);
        byte[] tlvs = forgedTlvs();
        out.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11});
        out.writeShort(12 + tlvs.length);
        out.write(new byte[] {127, 0, 0, 1, 127, 0, 0, 1});
        out.writeShort(40000);
        out.writeShort(PLAYER_PORT);
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

    private static void playOneRound() throws IOException {
        try (GameLiftClient gameLift = GameLiftClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + CONTROL_PORT))
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

    private static void awaitReady(Process agent) throws IOException, InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(giveUp)) {
            if (!agent.isAlive()) {
                throw new IOException("the agent exited with " + agent.exitValue() + "; is " + List.of(PLAYER_PORT,
                        CONTROL_PORT) + " free, and was the agent jar built (mvn -B -q install -DskipTests)?");
            }
            try {
                HttpURLConnection ready = (HttpURLConnection) URI.create("http://127.0.0.1:" + CONTROL_PORT + "/readyz")
                        .toURL().openConnection();
                if (ready.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IOException("the agent was not ready within 30 s");
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString().replace('/', File.separatorChar);
    }
}
