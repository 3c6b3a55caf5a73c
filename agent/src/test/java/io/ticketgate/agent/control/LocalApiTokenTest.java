package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.TicketgateAgent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With a token configured, the local API serves only requests that carry it as a bearer token. */
@Timeout(30)
class LocalApiTokenTest {

    private static final String TOKEN = "local-token-7d1f";

    private static TicketgateAgent agent;
    private static ControlApiClient client;

    @BeforeAll
    static void startAgent() {
        agent = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .localApiToken(TOKEN)
                .gameSessionActivation(GameSessionActivation.MANUAL)
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
        client = new ControlApiClient(agent.controlPort());
    }

    @AfterAll
    static void stopAgent() {
        agent.stop();
    }

    @Test
    void theRightTokenIsServed() {
        String gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(2).build()).gameSessionId();

        HttpResponse<byte[]> response = activate(gameSessionId, "Bearer " + TOKEN);

        assertEquals(200, response.statusCode(), () -> ControlApiClient.describe(response));
        assertEquals(GameSessionStatus.ACTIVE, agent.gameSession(gameSessionId).orElseThrow().status());
    }

    @Test
    void noTokenOrAWrongOneIs401AndChangesNothing() {
        String gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(2).build()).gameSessionId();

        assertUnauthorized(activate(gameSessionId, null), "missing bearer token: ");
        assertUnauthorized(activate(gameSessionId, "Basic " + TOKEN), "missing bearer token: ");
        assertUnauthorized(activate(gameSessionId, "Bearer " + TOKEN + "x"), "wrong bearer token: ");
        assertUnauthorized(client.get("/local/v1/events"), "missing bearer token: ");

        assertEquals(GameSessionStatus.ACTIVATING, agent.gameSession(gameSessionId).orElseThrow().status());
    }

    @Test
    void theControlApiIsNotAskedForTheToken() {
        assertEquals(200, client.get("/healthz").statusCode());
        assertEquals(200, client.json("DescribeGameSessions", "{\"FleetId\":\"fleet-local\"}").statusCode());
    }

    private static HttpResponse<byte[]> activate(String gameSessionId, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(client.uri("/local/v1/game-sessions/activate"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"GameSessionId\": \"" + gameSessionId + "\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request);
    }

    private static void assertUnauthorized(HttpResponse<byte[]> response, String messageStart) {
        assertEquals(401, response.statusCode(), () -> ControlApiClient.describe(response));
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("UnauthorizedException", response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        JsonNode body = ControlApiClient.jsonBody(response);
        assertEquals("UnauthorizedException", body.path("__type").asText());
        assertTrue(body.path("Message").asText().startsWith(messageStart), body.toString());
        assertTrue(!body.toString().contains(TOKEN), "the token is never echoed");
    }
}
