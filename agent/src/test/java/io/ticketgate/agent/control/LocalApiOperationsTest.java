package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertJsonError;
import static io.ticketgate.agent.control.ControlApiClient.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.TicketgateAgent;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local API's operations over real HTTP on loopback, on an agent whose game sessions wait
 * for the game server to activate them.
 */
@Timeout(30)
class LocalApiOperationsTest {

    private static TicketgateAgent agent;
    private static ControlApiClient client;

    @BeforeAll
    static void startAgent() {
        agent = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
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
    void aGameSessionCreatedThroughTheControlApiTakesPlayersOnlyOnceTheGameServerActivatesIt() {
        String gameSessionId = createGameSession(4);
        assertEquals("ACTIVATING", describeStatus(gameSessionId));
        assertJsonError(reserve(gameSessionId, "early"), "InvalidGameSessionStatusException");

        JsonNode activated = assertOk(post("/local/v1/game-sessions/activate",
                "{\"GameSessionId\": \"" + gameSessionId + "\"}"));
        assertEquals(gameSessionId, activated.path("GameSession").path("GameSessionId").asText());
        assertEquals("ACTIVE", activated.path("GameSession").path("Status").asText());
        assertTrue(activated.path("GameSession").path("CreationTime").isNumber(), "epoch seconds, as JSON 1.1");

        assertEquals(200, reserve(gameSessionId, "on-time").statusCode());
        // Activating an active game session changes nothing.
        assertEquals("ACTIVE", assertOk(post("/local/v1/game-sessions/activate",
                "{\"GameSessionId\": \"" + gameSessionId + "\"}")).path("GameSession").path("Status").asText());
    }

    @Test
    void endingAGameSessionCompletesItsPlayers() {
        String gameSessionId = activeGameSession(4);
        String playerSessionId = jsonBody(reserve(gameSessionId, "p1")).path("PlayerSession")
                .path("PlayerSessionId").asText();

        JsonNode ended = assertOk(post("/local/v1/game-sessions/end",
                "{\"GameSessionId\": \"" + gameSessionId + "\"}"));

        assertEquals("TERMINATED", ended.path("GameSession").path("Status").asText());
        assertEquals(PlayerSessionStatus.COMPLETED, agent.playerSession(playerSessionId).orElseThrow().status());
        assertLocalError(post("/local/v1/game-sessions/activate", "{\"GameSessionId\": \"" + gameSessionId + "\"}"),
                400, "InvalidGameSessionStatusException");
    }

    @Test
    void removingAPlayerSessionCompletesItAndFreesItsSlot() {
        String gameSessionId = activeGameSession(1);
        String playerSessionId = jsonBody(reserve(gameSessionId, "kicked")).path("PlayerSession")
                .path("PlayerSessionId").asText();
        assertJsonError(reserve(gameSessionId, "waiting"), "GameSessionFullException");

        JsonNode removed = assertOk(post("/local/v1/player-sessions/remove",
                "{\"PlayerSessionId\": \"" + playerSessionId + "\"}"));

        assertEquals("COMPLETED", removed.path("PlayerSession").path("Status").asText());
        assertEquals(200, reserve(gameSessionId, "waiting").statusCode());
    }

    @Test
    void updatingChangesTheCreationPolicyAndTheCapacity() {
        String gameSessionId = activeGameSession(1);

        JsonNode updated = assertOk(post("/local/v1/game-sessions/update", "{\"GameSessionId\": \"" + gameSessionId
                + "\", \"PlayerSessionCreationPolicy\": \"DENY_ALL\", \"MaximumPlayerSessionCount\": 8}"));

        assertEquals("DENY_ALL", updated.path("GameSession").path("PlayerSessionCreationPolicy").asText());
        assertEquals(8, updated.path("GameSession").path("MaximumPlayerSessionCount").asInt());
        assertJsonError(reserve(gameSessionId, "denied"), "InvalidGameSessionStatusException");
        assertOk(post("/local/v1/game-sessions/update",
                "{\"GameSessionId\": \"" + gameSessionId + "\", \"PlayerSessionCreationPolicy\": \"ACCEPT_ALL\"}"));
        assertEquals(200, reserve(gameSessionId, "accepted").statusCode());
    }

    @Test
    void unknownIdsAreNotFound() {
        String unknownGame = "arn:aws:gamelift:local::gamesession/fleet-local/nope";
        for (String path : new String[] {"activate", "end", "update"}) {
            assertLocalError(post("/local/v1/game-sessions/" + path, "{\"GameSessionId\": \"" + unknownGame + "\"}"),
                    404, "NotFoundException");
        }
        assertLocalError(post("/local/v1/player-sessions/remove",
                "{\"PlayerSessionId\": \"psess-00000000-0000-0000-0000-000000000000\"}"), 404, "NotFoundException");
    }

    @Test
    void aMissingOrMistypedMemberIsAnInvalidRequestNamingIt() {
        assertTrue(assertLocalError(post("/local/v1/game-sessions/activate", "{}"), 400, "InvalidRequestException")
                .path("Message").asText().contains("GameSessionId"));
        assertTrue(assertLocalError(post("/local/v1/player-sessions/remove", ""), 400, "InvalidRequestException")
                .path("Message").asText().contains("PlayerSessionId"));
        assertTrue(assertLocalError(post("/local/v1/game-sessions/end", "{\"GameSessionId\": 7}"), 400,
                "InvalidRequestException").path("Message").asText().contains("GameSessionId"));
        String gameSessionId = activeGameSession(1);
        assertTrue(assertLocalError(post("/local/v1/game-sessions/update", "{\"GameSessionId\": \"" + gameSessionId
                + "\", \"PlayerSessionCreationPolicy\": \"SOMETIMES\"}"), 400, "InvalidRequestException")
                .path("Message").asText().contains("PlayerSessionCreationPolicy"));
        assertLocalError(post("/local/v1/game-sessions/end", "[\"not\", \"a structure\"]"), 400,
                "InvalidRequestException");
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationError() {
        assertLocalError(post("/local/v1/game-sessions/activate", "{\"GameSessionId\": "), 400,
                "SerializationException");
        assertLocalError(client.send(HttpRequest.newBuilder(client.uri("/local/v1/game-sessions/activate"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("GameSessionId=x"))), 400, "SerializationException");
    }

    @Test
    void theWrongMethodOrAnUnknownPathIsRefused() {
        HttpResponse<byte[]> get = client.get("/local/v1/game-sessions/activate");
        assertLocalError(get, 405, "UnknownOperationException");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
        HttpResponse<byte[]> post = post("/local/v1/events", "{}");
        assertLocalError(post, 405, "UnknownOperationException");
        assertEquals("GET", post.headers().firstValue("Allow").orElse(null));
        assertLocalError(post("/local/v1/game-sessions/delete", "{}"), 404, "UnknownOperationException");
        assertLocalError(client.get("/local/v1/nothing"), 404, "UnknownOperationException");
    }

    @Test
    void aLastEventIdThatIsNotANumberIsAnInvalidRequest() {
        assertLocalError(client.send(HttpRequest.newBuilder(client.uri("/local/v1/events"))
                .timeout(ControlApiClient.TIMEOUT).header("Last-Event-ID", "yesterday").GET()), 400,
                "InvalidRequestException");
    }

    @Test
    void theConnectionServesFurtherRequestsAfterALocalOne() throws IOException {
        try (Socket socket = client.rawSocket()) {
            String body = "{}";
            String request = "POST /local/v1/game-sessions/activate HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            ControlApiClient.write(socket, request);
            assertEquals(400, ControlApiClient.read(socket).status());
            ControlApiClient.write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            ControlApiClient.RawResponse health = ControlApiClient.read(socket);
            assertEquals(200, health.status());
            assertEquals("ok\n", new String(health.body(), StandardCharsets.UTF_8));
        }
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<byte[]> post(String path, String body) {
        return client.send(HttpRequest.newBuilder(client.uri(path))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode assertOk(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> "status; body " + ControlApiClient.describe(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        ControlApiClient.assertRequestId(response);
        return jsonBody(response);
    }

    private static JsonNode assertLocalError(HttpResponse<byte[]> response, int status, String errorName) {
        assertEquals(status, response.statusCode(), () -> "status; body " + ControlApiClient.describe(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals(errorName, response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        ControlApiClient.assertRequestId(response);
        JsonNode body = jsonBody(response);
        assertEquals(errorName, body.path("__type").asText(), () -> "__type of " + body);
        assertFalse(body.path("Message").asText().isEmpty(), () -> "Message of " + body);
        assertFalse(body.toString().contains("Exception:") || body.toString().contains("\tat "), "no stack trace");
        return body;
    }

    private String createGameSession(int maximumPlayers) {
        HttpResponse<byte[]> response = client.json("CreateGameSession",
                "{\"FleetId\": \"fleet-local\", \"MaximumPlayerSessionCount\": " + maximumPlayers + "}");
        assertEquals(200, response.statusCode(), () -> ControlApiClient.describe(response));
        return jsonBody(response).path("GameSession").path("GameSessionId").asText();
    }

    private String activeGameSession(int maximumPlayers) {
        String gameSessionId = createGameSession(maximumPlayers);
        assertOk(post("/local/v1/game-sessions/activate", "{\"GameSessionId\": \"" + gameSessionId + "\"}"));
        return gameSessionId;
    }

    private String describeStatus(String gameSessionId) {
        return jsonBody(client.json("DescribeGameSessions", "{\"GameSessionId\": \"" + gameSessionId + "\"}"))
                .path("GameSessions").path(0).path("Status").asText();
    }

    private HttpResponse<byte[]> reserve(String gameSessionId, String playerId) {
        return client.json("CreatePlayerSession",
                "{\"GameSessionId\": \"" + gameSessionId + "\", \"PlayerId\": \"" + playerId + "\"}");
    }
}
