package io.ticketgate.agent.control;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.AgentInternals;
import io.ticketgate.agent.TicketgateAgent;
import java.net.URI;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameSession;

/**
 * A real agent on ephemeral ports and an unmodified AWS SDK GameLift client pointed at its
 * control API. Building the client is slow, so each test class starts one and shares it; tests
 * keep apart by creating game sessions of their own.
 */
final class SdkAgent implements AutoCloseable {

    static final String FLEET_ID = "fleet-local";
    static final String FLEET_ARN = "arn:aws:gamelift:local:000000000000:fleet/fleet-local";
    static final String GAME_SESSION_ARN_PREFIX = "arn:aws:gamelift:local::gamesession/fleet-local/";

    final TicketgateAgent agent;
    final GameLiftClient client;

    private SdkAgent(TicketgateAgent agent, GameLiftClient client) {
        this.agent = agent;
        this.client = client;
    }

    /** Starts an agent with default settings. */
    static SdkAgent start() {
        return start(UnaryOperator.identity());
    }

    /** Starts an agent with the settings {@code configure} adds; every player is let in. */
    static SdkAgent start(UnaryOperator<TicketgateAgent.Builder> configure) {
        TicketgateAgent agent = configure.apply(TicketgateAgent.builder()
                        .playerPort(0)
                        .controlPort(0)
                        .listener((session, connection) -> Admission.accepted()))
                .build()
                .start();
        try {
            GameLiftClient client = GameLiftClient.builder()
                    .endpointOverride(URI.create(endpoint(agent)))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            return new SdkAgent(agent, client);
        } catch (RuntimeException e) {
            agent.stop();
            throw e;
        }
    }

    static String endpoint(TicketgateAgent agent) {
        return "http://127.0.0.1:" + agent.controlPort();
    }

    String endpoint() {
        return endpoint(agent);
    }

    /** Makes a RESERVED player session ACTIVE as its player's CONNECT would, without a socket. */
    boolean connectWithoutSocket(String playerSessionId) {
        return AgentInternals.connectWithoutSocket(agent, playerSessionId);
    }

    /** Creates a game session of its own for one test, through the SDK. */
    GameSession newGameSession(int maximumPlayerSessionCount) {
        return client.createGameSession(request -> request
                        .fleetId(FLEET_ID)
                        .maximumPlayerSessionCount(maximumPlayerSessionCount)
                        .name("test-" + UUID.randomUUID()))
                .gameSession();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            agent.stop();
        }
    }
}
