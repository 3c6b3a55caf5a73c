package io.ticketgate.examples.quickstart;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import io.ticketgate.examples.DemoCommandLine;
import io.ticketgate.examples.DemoProgram;
import io.ticketgate.examples.DemoUsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;

/**
 * A game backend's view: the stock AWS SDK for Java's GameLift client, pointed at a Ticketgate
 * agent, creates a game session and reserves a player session; then the player connects with
 * the player session id. Run it while an agent serves on the default ports, for example the
 * chat server: {@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.chat.ChatServer}.
 * The one optional argument is the control API's URL (default http://127.0.0.1:9080).
 *
 * <p>{@code java -cp examples/target/ticketgate-chat-demo.jar io.ticketgate.examples.quickstart.QuickStart
 * [--control-url URL | URL] [--help]}
 */
public final class QuickStart {

    static final String USAGE = """
            Usage: java -cp ticketgate-chat-demo.jar io.ticketgate.examples.quickstart.QuickStart
                       [--control-url URL | URL]

            A game backend's view: the AWS SDK's GameLift client, pointed at a Ticketgate agent's
            control API, creates a game session and reserves a player session; then the player
            connects with it. Start an agent first, e.g. the chat server (io.ticketgate.examples.chat.ChatServer).

              --control-url URL  the agent's control API (default http://127.0.0.1:9080); also
                                 accepted as the one argument
              --help, -h         print this text and exit
            """;
    private static final String DEFAULT_CONTROL_API = "http://127.0.0.1:9080";

    public static void main(String[] args) throws Exception {
        DemoProgram.named("quick start", USAGE).valueFlags("--control-url").positionals(1).run(args, commandLine -> {
            String controlApi = controlApi(commandLine);
            try {
                run(controlApi);
            } catch (SdkClientException unreachable) {
                throw new DemoUsageException("cannot reach the control API at " + controlApi + ": "
                        + unreachable.getMessage() + " (is an agent running there? --control-url names another)", 1);
            }
        });
    }

    private static String controlApi(DemoCommandLine commandLine) throws DemoUsageException {
        List<String> positional = commandLine.positionals();
        if (!positional.isEmpty() && commandLine.value("--control-url", null) != null) {
            throw new DemoUsageException("the control API's URL is given twice, as --control-url and as \""
                    + positional.get(0) + "\"; --help lists the flags");
        }
        String url = positional.isEmpty() ? commandLine.value("--control-url", DEFAULT_CONTROL_API) : positional.get(0);
        if (!url.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new DemoUsageException("--control-url: \"" + url + "\" is not an http:// or https:// URL"
                    + "; --help lists the flags");
        }
        return url;
    }

    private static void run(String controlApi) throws IOException {
        try (GameLiftClient gameLift = GameLiftClient.builder()
                .endpointOverride(URI.create(controlApi))                        // the agent's control API
                .region(Region.US_EAST_1)                                        // any region: part of the request only
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("ticketgate", "not-checked-yet")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {

            GameSession game = gameLift.createGameSession(request -> request
                    .fleetId("fleet-local")
                    .maximumPlayerSessionCount(8)
                    .name("quick-start")).gameSession();
            System.out.println("Game session " + game.gameSessionId() + " is " + game.status());

            PlayerSession ticket = gameLift.createPlayerSession(request -> request
                    .gameSessionId(game.gameSessionId())
                    .playerId("player-42")
                    .playerData("Zoe")).playerSession();
            System.out.println("Reserved " + ticket.playerSessionId() + " (" + ticket.status() + ")");

            // The player, given ticket.ipAddress(), ticket.port() and the id, connects:
            try (TgtConnection player = TgtClient.connect(ticket.ipAddress(), ticket.port(), ticket.playerSessionId())) {
                System.out.println("Player got " + player.code());
                if (player.accepted()) {
                    BufferedReader greeting = new BufferedReader(new InputStreamReader(player.input(), StandardCharsets.UTF_8));
                    System.out.println("Game says: " + greeting.readLine());
                }
                PlayerSession now = gameLift.describePlayerSessions(request -> request
                        .playerSessionId(ticket.playerSessionId())).playerSessions().get(0);
                System.out.println("The player session is now " + now.status());
            }
        }
    }
}
