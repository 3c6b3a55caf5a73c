package io.ticketgate.examples.quickstart;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
 */
public final class QuickStart {

    public static void main(String[] args) throws Exception {
        String controlApi = args.length > 0 ? args[0] : "http://127.0.0.1:9080";
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
