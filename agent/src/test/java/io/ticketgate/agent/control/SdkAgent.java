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
import software.amazon.awssdk.services.gamelift.GameLiftClientBuilder;
import software.amazon.awssdk.services.gamelift.model.GameSession;

/**
 * A real agent on ephemeral ports and an unmodified AWS SDK GameLift client pointed at its
 * control API. The agent demands SigV4 signatures by a key pair the client is given, so every
 * SDK test runs signed, as backends do. Building the client is slow, so each test class starts
 * one and shares it; tests keep apart by creating game sessions of their own.
 */
final class SdkAgent implements AutoCloseable {

    static final String FLEET_ID = "fleet-local";
    static final String FLEET_ARN = "arn:aws:gamelift:local:000000000000:fleet/fleet-local";
    static final String GAME_SESSION_ARN_PREFIX = "arn:aws:gamelift:local::gamesession/fleet-local/";
    static final String ACCESS_KEY_ID = "AKIDTICKETGATETEST";
    static final String SECRET_KEY = "ticketgate/test+secret";

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

    /**
     * Starts an agent with the settings {@code configure} adds; every player is let in, and
     * GameLift operations must be signed with {@link #ACCESS_KEY_ID} and {@link #SECRET_KEY}.
     */
    static SdkAgent start(UnaryOperator<TicketgateAgent.Builder> configure) {
        TicketgateAgent agent = configure.apply(TicketgateAgent.builder()
                        .playerPort(0)
                        .controlPort(0)
                        .controlCredentials(ACCESS_KEY_ID, SECRET_KEY)
                        .listener((session, connection) -> Admission.accepted()))
                .build()
                .start();
        try {
            return new SdkAgent(agent, client(agent, ACCESS_KEY_ID, SECRET_KEY, UnaryOperator.identity()));
        } catch (RuntimeException e) {
            agent.stop();
            throw e;
        }
    }

    /** Returns a GameLift client of the agent signing with the given keys; close it after use. */
    GameLiftClient client(String accessKeyId, String secretKey) {
        return client(agent, accessKeyId, secretKey, UnaryOperator.identity());
    }

    /** The same, with {@code configure} applied to the client builder (to skew its clock, say). */
    static GameLiftClient client(TicketgateAgent agent, String accessKeyId, String secretKey,
            UnaryOperator<GameLiftClientBuilder> configure) {
        return configure.apply(GameLiftClient.builder()
                        .endpointOverride(URI.create(endpoint(agent)))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(accessKeyId, secretKey)))
                        .httpClient(UrlConnectionHttpClient.create()))
                .build();
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
