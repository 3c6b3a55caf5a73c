package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.SHAPE_PREFIX;
import static io.ticketgate.agent.control.ControlApiClient.assertCborError;
import static io.ticketgate.agent.control.ControlApiClient.assertCborHeaders;
import static io.ticketgate.agent.control.ControlApiClient.assertCborOk;
import static io.ticketgate.agent.control.ControlApiClient.cborBody;
import static io.ticketgate.agent.control.ControlApiClient.describe;
import static io.ticketgate.agent.control.ControlApiClient.encodeCbor;
import static io.ticketgate.agent.control.ControlApiClient.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.control.ControlApiClient.RawResponse;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RPC v2 CBOR error contract: typed errors are a 400 whose body names the error by its shape id
 * in {@code __type} with a {@code Message}; requests that break the protocol are a 400 too, never
 * a 500, never a dropped connection.
 */
@Timeout(30)
class RpcV2CborErrorsTest {

    private static final String FLEET = "fleet-local";

    private static TicketgateAgent agent;
    private static ControlApiClient client;

    @BeforeAll
    static void startAgent() {
        agent = ControlApiClient.startAgent();
        client = new ControlApiClient(agent.controlPort());
    }

    @AfterAll
    static void stopAgent() {
        agent.stop();
    }

    // ------------------------------------------------------------------ typed errors of the operations

    @Test
    void anUnknownGameSessionIsNotFound() {
        assertCborError(client.cbor("CreatePlayerSession", members(
                "GameSessionId", "arn:aws:gamelift:local::gamesession/fleet-local/no-such-game",
                "PlayerId", "p1")), "NotFoundException");
    }

    static Stream<Arguments> invalidMembers() {
        return Stream.of(
                Arguments.of("CreateGameSession", members("FleetId", FLEET, "MaximumPlayerSessionCount", -1),
                        "MaximumPlayerSessionCount"),
                Arguments.of("CreateGameSession", members("FleetId", FLEET, "MaximumPlayerSessionCount", 1.5),
                        "MaximumPlayerSessionCount"),
                Arguments.of("CreateGameSession", members("FleetId", FLEET), "MaximumPlayerSessionCount"),
                Arguments.of("CreateGameSession", members("FleetId", "not-a-fleet", "MaximumPlayerSessionCount", 1),
                        "FleetId"),
                Arguments.of("DescribeGameSessions", members("FleetId", FLEET, "Limit", "ten"), "Limit"),
                Arguments.of("DescribeGameSessions", members("FleetId", FLEET, "Limit", 0), "Limit"),
                Arguments.of("DescribeGameSessions", members("FleetId", FLEET, "StatusFilter", "SLEEPING"),
                        "StatusFilter"),
                Arguments.of("CreatePlayerSessions", members("GameSessionId", "gs-1", "PlayerIds", "p1"), "PlayerIds"),
                Arguments.of("CreatePlayerSession", members("GameSessionId", "gs-1"), "PlayerId"),
                Arguments.of("UpdateGameSession", members("GameSessionId", "gs-1", "ProtectionPolicy", true),
                        "ProtectionPolicy"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidMembers")
    void anInvalidMemberIsAnInvalidRequestNamingIt(String operation, Map<String, Object> input, String member) {
        JsonNode error = assertCborError(client.cbor(operation, input), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains(member), () -> member + " named in " + error);
    }

    @Test
    void aFullGameSessionIsGameSessionFull() {
        String gameId = createGameSession(1);
        assertCborError(client.cbor("CreatePlayerSessions", members("GameSessionId", gameId,
                "PlayerIds", List.of("p1", "p2"))), "GameSessionFullException");
    }

    @Test
    void aGameSessionDenyingPlayersIsInvalidGameSessionStatus() {
        String gameId = createGameSession(4);
        assertCborOk(client.cbor("UpdateGameSession",
                members("GameSessionId", gameId, "PlayerSessionCreationPolicy", "DENY_ALL")));
        assertCborError(client.cbor("CreatePlayerSession", members("GameSessionId", gameId, "PlayerId", "p1")),
                "InvalidGameSessionStatusException");
    }

    @Test
    void aTakenGameSessionIdIsAnIdempotentParameterMismatch() {
        Map<String, Object> input = members("FleetId", FLEET, "MaximumPlayerSessionCount", 2,
                "GameSessionId", "cbor-duplicate");
        assertCborOk(client.cbor("CreateGameSession", input));
        assertCborError(client.cbor("CreateGameSession", input), "IdempotentParameterMismatchException");
    }

    @Test
    void aNextTokenOfAnotherQueryIsAnInvalidRequest() {
        createGameSession(1);
        createGameSession(1);
        JsonNode page = assertCborOk(client.cbor("DescribeGameSessions", members("FleetId", FLEET, "Limit", 1)));
        String token = page.path("NextToken").asText();
        JsonNode error = assertCborError(client.cbor("DescribeGameSessions",
                members("FleetId", FLEET, "Limit", 1, "StatusFilter", "TERMINATED", "NextToken", token)),
                "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("NextToken"), error::toString);
    }

    @Test
    void errorsCarryTheirTypeOnlyInTheBody() {
        // The spec: responses SHOULD NOT contain X-Amzn-ErrorType; type information is in the payload.
        HttpResponse<byte[]> response = client.cbor("DescribeGameSessions", members("FleetId", "fleet-other"));
        assertCborError(response, "NotFoundException");
        assertEquals(List.of(), response.headers().allValues("x-amzn-ErrorType"));
    }

    // ------------------------------------------------------------------ empty input

    @Test
    void anEmptyBodyIsEmptyInput() {
        // No body and so no Content-Type: empty input, and GameLift requires one filter.
        JsonNode noBody = assertCborError(client.send(client.cborRequestWithoutBody("DescribeGameSessions")),
                "InvalidRequestException");
        JsonNode emptyMap = assertCborError(client.cbor("DescribeGameSessions", Map.of()), "InvalidRequestException");
        assertEquals(emptyMap.path("Message"), noBody.path("Message"));
        assertTrue(noBody.path("Message").asText().contains("FleetId"), noBody::toString);
    }

    @Test
    void undefinedIsReadAsNull() {
        // The spec: servers MUST deserialize CBOR undefined (major type 7, value 23) to null.
        byte[] body = concat(new byte[] {(byte) 0xA2}, text("FleetId"), text(FLEET), text("Limit"),
                new byte[] {(byte) 0xF7});
        assertCborOk(client.send(client.cborRequest("DescribeGameSessions", body)));
    }

    @Test
    void indefiniteLengthMapsAndStringsAreRead() {
        // {_ "Fleet" "Id": (_ "fleet-" "local")} with indefinite-length map and strings.
        byte[] body = concat(new byte[] {(byte) 0xBF, 0x7F}, text("Fleet"), text("Id"), new byte[] {(byte) 0xFF, 0x7F},
                text("fleet-"), text("local"), new byte[] {(byte) 0xFF, (byte) 0xFF});
        JsonNode answer = assertCborOk(client.send(client.cborRequest("DescribeGameSessions", body)));
        assertTrue(answer.path("GameSessions").isArray(), answer::toString);
    }

    // ------------------------------------------------------------------ protocol errors

    @Test
    void anUnknownOperationIsA400WithAType() {
        HttpResponse<byte[]> response = client.cbor("DeleteFleet", members("FleetId", FLEET));
        assertEquals(400, response.statusCode(), () -> describe(response));
        assertCborHeaders(response);
        assertTrue(cborBody(response).path("__type").asText().startsWith(SHAPE_PREFIX), () -> describe(response));
    }

    @Test
    void anOperationNamedByAnAbsoluteShapeIdIsNotRouted() {
        // The spec: services MUST NOT accept an absolute shape id as the operation segment.
        HttpResponse<byte[]> response = client.cbor("com.amazonaws.gamelift.DescribeGameSessions",
                members("FleetId", FLEET));
        assertEquals(400, response.statusCode(), () -> describe(response));
        assertTrue(cborBody(response).path("__type").asText().startsWith(SHAPE_PREFIX), () -> describe(response));
    }

    @Test
    void aMissingOrWrongSmithyProtocolHeaderIsA400() {
        byte[] body = encodeCbor(members("FleetId", FLEET));
        HttpRequest.Builder missing = HttpRequest.newBuilder(client.uri(RpcV2CborFormat.PATH_PREFIX + "DescribeGameSessions"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", "application/cbor")
                .header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpRequest.Builder wrong = client.cborRequest("DescribeGameSessions", body)
                .setHeader("Smithy-Protocol", "rpc-v2-json");
        for (HttpRequest.Builder request : List.of(missing, wrong)) {
            HttpResponse<byte[]> response = client.send(request);
            assertEquals(400, response.statusCode(), () -> describe(response));
            assertCborHeaders(response);
            assertTrue(cborBody(response).path("__type").asText().startsWith(SHAPE_PREFIX), () -> describe(response));
        }
    }

    @Test
    void anXAmzTargetHeaderIsRejected() {
        // The spec: an rpcv2Cbor request with X-Amz-Target or X-Amzn-Target is malformed and
        // servers MUST reject it.
        for (String header : List.of("X-Amz-Target", "X-Amzn-Target")) {
            HttpResponse<byte[]> response = client.send(client.cborRequest("DescribeGameSessions",
                    encodeCbor(members("FleetId", FLEET))).header(header, "GameLift.DescribeGameSessions"));
            assertEquals(400, response.statusCode(), () -> header + ": " + describe(response));
            assertCborHeaders(response);
            assertTrue(cborBody(response).path("__type").asText().startsWith(SHAPE_PREFIX), () -> describe(response));
        }
    }

    @Test
    void aWrongContentTypeIsASerializationError() {
        byte[] body = encodeCbor(members("FleetId", FLEET));
        assertCborError(client.send(client.cborRequest("DescribeGameSessions", body)
                .setHeader("Content-Type", "application/json")), "SerializationException");
        assertCborError(client.send(client.cborRequest("DescribeGameSessions", body)
                .setHeader("Content-Type", "application/x-amz-json-1.1")), "SerializationException");
    }

    static Stream<Arguments> malformedBodies() {
        byte[] map = encodeCbor(members("FleetId", FLEET, "Limit", 5));
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) 0x81);
        deep[deep.length - 1] = 0x00;
        return Stream.of(
                Arguments.of("a truncated map", Arrays.copyOf(map, map.length - 3)),
                Arguments.of("a map missing its last pair", concat(new byte[] {(byte) 0xA2}, text("FleetId"), text(FLEET))),
                Arguments.of("a lone break", new byte[] {(byte) 0xFF}),
                Arguments.of("a reserved additional-information value", new byte[] {(byte) 0xA1, 0x1C}),
                Arguments.of("a string claiming 2 GiB", concat(new byte[] {(byte) 0xA1}, text("FleetId"),
                        new byte[] {0x7A, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'f'})),
                Arguments.of("an array claiming 2^64 items", new byte[] {(byte) 0x9B, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}),
                Arguments.of("100,000 nested arrays", deep),
                Arguments.of("a map followed by more bytes", concat(map, new byte[] {0x00})),
                Arguments.of("JSON", "{\"FleetId\":\"fleet-local\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void aBodyThatIsNotCborIsASerializationError(String what, byte[] body) {
        assertCborError(client.send(client.cborRequest("DescribeGameSessions", body)), "SerializationException");
    }

    @Test
    void aTextStringThatIsNotUtf8IsAnInvalidRequest() {
        byte[] body = concat(new byte[] {(byte) 0xA1}, text("FleetId"), new byte[] {0x62, (byte) 0xC3, 0x28});
        assertCborError(client.send(client.cborRequest("DescribeGameSessions", body)), "InvalidRequestException");
    }

    @Test
    void aBodyThatIsCborButNotAStructureIsRejected() {
        for (Object notAStructure : List.<Object>of(List.of("FleetId", FLEET), "FleetId", 7)) {
            HttpResponse<byte[]> response = client.send(client.cborRequest("DescribeGameSessions",
                    encodeCbor(notAStructure)));
            assertCborError(response, "InvalidRequestException");
        }
    }

    @Test
    void aBodyOverTheBoundIsASerializationError() {
        byte[] body = encodeCbor(members("FleetId", FLEET, "Padding", "x".repeat(3 * 1024 * 1024)));
        HttpResponse<byte[]> response = client.send(client.cborRequest("DescribeGameSessions", body));
        assertCborError(response, "SerializationException");
    }

    @Test
    void aBodyOverTheBoundAwaiting100ContinueGetsTheTyped400InCbor() throws Exception {
        try (Socket socket = client.rawSocket()) {
            ControlApiClient.write(socket, "POST " + RpcV2CborFormat.PATH_PREFIX + "DescribeGameSessions HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nSmithy-Protocol: rpc-v2-cbor\r\nContent-Type: application/cbor\r\n"
                    + "Accept: application/cbor\r\nExpect: 100-continue\r\nContent-Length: " + 3 * 1024 * 1024
                    + "\r\n\r\n");
            RawResponse response = ControlApiClient.read(socket);
            assertEquals(400, response.status());
            assertEquals("rpc-v2-cbor", response.header("Smithy-Protocol"));
            assertEquals("application/cbor", response.header("Content-Type"));
            assertNotNull(response.header("x-amzn-RequestId"));
            assertEquals(SHAPE_PREFIX + "SerializationException",
                    ControlApiClient.CBOR.readTree(response.body()).path("__type").asText());
        }
    }

    @Test
    void theConnectionSurvivesATypedError() {
        HttpResponse<byte[]> error = client.cbor("DescribeGameSessions", members("FleetId", "fleet-other"));
        assertCborError(error, "NotFoundException");
        assertFalse(error.headers().allValues("Connection").contains("close"));
        assertCborOk(client.cbor("DescribeGameSessions", members("FleetId", FLEET)));
    }

    // ------------------------------------------------------------------ helpers

    private static String createGameSession(int maximumPlayers) {
        return assertCborOk(client.cbor("CreateGameSession",
                members("FleetId", FLEET, "MaximumPlayerSessionCount", maximumPlayers)))
                .path("GameSession").path("GameSessionId").asText();
    }

    /** A definite-length CBOR text string. */
    private static byte[] text(String value) {
        return encodeCbor(value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
