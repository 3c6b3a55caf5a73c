package io.ticketgate.examples.sidecar;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * player connecting with the ticket. Run from the repository root after the build:
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.sidecar.SidecarDemo}
 */
public final class SidecarDemo {

    private static final int PLAYER_PORT = 7777;
    private static final int CONTROL_PORT = 9080;

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args.length > 0 ? args[0] : "agent/target/ticketgate-agent.jar");
        try (GreeterGameServer game = new GreeterGameServer(GreeterGameServer.DEFAULT_PORT)) {
            System.out.println("== A game server on 127.0.0.1:" + game.port() + " that reads PROXY v2 headers");
            Process agent = new ProcessBuilder(javaCommand(), "-jar", agentJar.toString(),
                    "--upstream", "127.0.0.1:" + game.port(),
                    "--player-port", String.valueOf(PLAYER_PORT),
                    "--control-port", String.valueOf(CONTROL_PORT),
                    "--drain-timeout", "2s")
                    .inheritIO()
                    .start();
            try {
                awaitReady(agent);
                System.out.println("== The sidecar agent is ready; a backend reserves a ticket with the AWS SDK");
                playOneRound();
            } finally {
                agent.destroy();   // SIGTERM: the agent drains and exits 0
                boolean exited = agent.waitFor(15, TimeUnit.SECONDS);
                System.out.println("== The agent got SIGTERM and exited with " + (exited ? agent.exitValue() : "?"));
            }
        }
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
