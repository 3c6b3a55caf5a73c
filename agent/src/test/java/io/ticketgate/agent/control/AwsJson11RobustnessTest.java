package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertJsonError;
import static io.ticketgate.agent.control.ControlApiClient.closedByServer;
import static io.ticketgate.agent.control.ControlApiClient.describe;
import static io.ticketgate.agent.control.ControlApiClient.jsonBody;
import static io.ticketgate.agent.control.ControlApiClient.read;
import static io.ticketgate.agent.control.ControlApiClient.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.control.ControlApiClient.RawResponse;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS JSON 1.1 requests no SDK sends, sent raw: each is answered with a typed 400 (a
 * {@code __type}, an {@code x-amzn-ErrorType}, a request id), never a 500, never silence.
 */
@Timeout(30)
class AwsJson11RobustnessTest {

    private static final String DESCRIBE_FLEET = "{\"FleetId\":\"fleet-local\"}";

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

    // ------------------------------------------------------------------ routing

    @ParameterizedTest
    @ValueSource(strings = {"GameLift.DeleteFleet", "GameLift.", "DescribeGameSessions",
            "DynamoDB_20120810.ListTables", "GameLift.DescribeGameSessions.Extra"})
    void aTargetNamingNoOperationIsUnknown(String target) {
        HttpResponse<byte[]> response = client.send(client.jsonRequest("DescribeGameSessions",
                DESCRIBE_FLEET.getBytes(StandardCharsets.UTF_8)).setHeader("X-Amz-Target", target));
        assertJsonError(response, "UnknownOperationException");
    }

    @Test
    void aMissingTargetIsUnknown() {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.uri("/"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", ControlApiClient.JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(DESCRIBE_FLEET)));
        assertJsonError(response, "UnknownOperationException");
    }

    @Test
    void aPostToAnotherPathIsA404WithAType() {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.uri("/v2/somewhere"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("X-Amz-Target", "GameLift.DescribeGameSessions")
                .header("Content-Type", ControlApiClient.JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(DESCRIBE_FLEET)));
        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", jsonBody(response).path("__type").asText());
        ControlApiClient.assertRequestId(response);
    }

    // ------------------------------------------------------------------ the body

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/plain", "application/cbor", "application/x-amz-json-1.0"})
    void aWrongContentTypeIsASerializationError(String contentType) {
        HttpResponse<byte[]> response = client.send(client.jsonRequest("DescribeGameSessions",
                DESCRIBE_FLEET.getBytes(StandardCharsets.UTF_8)).setHeader("Content-Type", contentType));
        assertJsonError(response, "SerializationException");
    }

    @Test
    void aMissingContentTypeIsASerializationError() {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.uri("/"))
                .timeout(ControlApiClient.TIMEOUT)
                .header("X-Amz-Target", "GameLift.DescribeGameSessions")
                .POST(HttpRequest.BodyPublishers.ofString(DESCRIBE_FLEET)));
        assertJsonError(response, "SerializationException");
    }

    @Test
    void aContentTypeWithParametersIsAccepted() {
        HttpResponse<byte[]> response = client.send(client.jsonRequest("DescribeGameSessions",
                DESCRIBE_FLEET.getBytes(StandardCharsets.UTF_8))
                .setHeader("Content-Type", "Application/X-Amz-Json-1.1; charset=utf-8"));
        assertEquals(200, response.statusCode(), () -> describe(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"FleetId\":", "not json", "{\"FleetId\" \"fleet-local\"}", "{'FleetId':'fleet-local'}",
            "{\"FleetId\":\"fleet-local\"} {", "{\"FleetId\":\"fleet-local\"}}", "\"FleetId\" 1"})
    void aBodyThatIsNotJsonIsASerializationError(String body) {
        assertJsonError(client.json("DescribeGameSessions", body), "SerializationException");
    }

    @Test
    void textThatIsNotUtf8IsAnInvalidRequest() {
        byte[] body = {'{', '"', 'F', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        assertJsonError(client.send(client.jsonRequest("DescribeGameSessions", body)), "InvalidRequestException");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"FleetId\":\"fleet-local\"}]", "\"FleetId\"", "42", "true"})
    void aBodyThatIsJsonButNotAnObjectIsRejected(String body) {
        JsonNode error = assertJsonError(client.json("DescribeGameSessions", body), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("structure"), error::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "null"})
    void anEmptyBodyIsEmptyInput(String body) {
        JsonNode error = assertJsonError(client.json("DescribeGameSessions", body), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("FleetId"), error::toString);
    }

    @Test
    void aBodyOverTheBoundIsASerializationErrorEveryTime() {
        String body = "{\"FleetId\":\"fleet-local\",\"Padding\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        // The client is still sending when the 400 leaves; a server that then closes with the body
        // unread resets the connection, which can destroy the 400 (about 1 in 50 on loopback).
        for (int i = 0; i < 25; i++) {
            assertJsonError(client.json("DescribeGameSessions", body), "SerializationException");
        }
    }

    @Test
    void aBodyOverTheBoundIsAnsweredFromTheHeadersThenTheConnectionCloses() throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + 3 * 1024 * 1024 + "\r\n\r\n"
                    + "{\"FleetId\":\"fleet-local\",\"Padding\":\"");
            RawResponse response = read(socket);
            assertTypedError(response, "SerializationException");
            assertEquals("close", response.header("connection"));
            socket.shutdownOutput();
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void aChunkedBodyOverTheBoundIsASerializationErrorOnceItPassesTheBound() throws Exception {
        String chunk = Integer.toHexString(1024 * 1024) + "\r\n" + "x".repeat(1024 * 1024) + "\r\n";
        try (Socket socket = client.rawSocket()) {
            write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk.repeat(3) + "0\r\n\r\n");
            RawResponse response = read(socket);
            assertTypedError(response, "SerializationException");
            assertEquals("close", response.header("connection"));
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void aBodyOverTheBoundAwaiting100ContinueGetsTheTyped400NotA413() throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + 3 * 1024 * 1024 + "\r\n\r\n");
            RawResponse response = read(socket);
            assertTypedError(response, "SerializationException");
            assertEquals("close", response.header("connection"));
            assertTrue(closedByServer(socket), "the body announced may still come; the server does not wait for it");
        }
    }

    @Test
    void aBodyWithinTheBoundAwaiting100ContinueIsServed() throws Exception {
        String body = "{\"FleetId\":\"fleet-local\"}";
        try (Socket socket = client.rawSocket()) {
            write(socket, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            assertEquals(100, read(socket).status());
            write(socket, body);
            RawResponse response = read(socket);
            assertEquals(200, response.status(), response::bodyText);
            assertTrue(ControlApiClient.JSON.readTree(response.body()).path("GameSessions").isArray());
        }
    }

    // ------------------------------------------------------------------ members

    static Stream<Arguments> wronglyTypedMembers() {
        return Stream.of(
                Arguments.of("DescribeGameSessions", "{\"FleetId\":\"fleet-local\",\"Limit\":\"ten\"}", "Limit"),
                Arguments.of("DescribeGameSessions", "{\"FleetId\":\"fleet-local\",\"Limit\":10.5}", "Limit"),
                Arguments.of("DescribeGameSessions", "{\"FleetId\":\"fleet-local\",\"Limit\":10000000000}", "Limit"),
                Arguments.of("DescribeGameSessions", "{\"FleetId\":\"fleet-local\",\"Limit\":true}", "Limit"),
                Arguments.of("DescribeGameSessions", "{\"FleetId\":[\"fleet-local\"]}", "FleetId"),
                Arguments.of("DescribeGameSessions", "{\"FleetId\":\"fleet-local\",\"StatusFilter\":1}", "StatusFilter"),
                Arguments.of("CreatePlayerSessions", "{\"GameSessionId\":\"gs-1\",\"PlayerIds\":\"p1\"}", "PlayerIds"),
                Arguments.of("CreatePlayerSessions", "{\"GameSessionId\":\"gs-1\",\"PlayerIds\":[\"p1\",2]}", "PlayerIds"),
                Arguments.of("CreatePlayerSessions",
                        "{\"GameSessionId\":\"gs-1\",\"PlayerIds\":[\"p1\"],\"PlayerDataMap\":{\"p1\":1}}", "PlayerDataMap"),
                Arguments.of("CreatePlayerSessions",
                        "{\"GameSessionId\":\"gs-1\",\"PlayerIds\":[\"p1\"],\"PlayerDataMap\":[\"p1\"]}", "PlayerDataMap"),
                Arguments.of("CreatePlayerSession", "{\"GameSessionId\":{},\"PlayerId\":\"p1\"}", "GameSessionId"),
                Arguments.of("CreateGameSession", "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":1.5}",
                        "MaximumPlayerSessionCount"),
                Arguments.of("CreateGameSession", "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":\"4\"}",
                        "MaximumPlayerSessionCount"),
                Arguments.of("CreateGameSession",
                        "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":4,\"GameProperties\":{}}",
                        "GameProperties"),
                Arguments.of("UpdateGameSession", "{\"GameSessionId\":\"gs-1\",\"Name\":7}", "Name"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wronglyTypedMembers")
    void aMemberOfTheWrongTypeIsAnInvalidRequestNamingIt(String operation, String body, String member) {
        JsonNode error = assertJsonError(client.json(operation, body), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains(member), () -> member + " named in " + error);
    }

    @Test
    void unknownMembersAreIgnored() {
        HttpResponse<byte[]> response = client.json("DescribeGameSessions",
                "{\"FleetId\":\"fleet-local\",\"Bogus\":1,\"Nested\":{\"a\":[1,{\"b\":null}]},\"Limit\":null}");
        assertEquals(200, response.statusCode(), () -> describe(response));
        assertEquals(ControlApiClient.JSON_TYPE, response.headers().firstValue("Content-Type").orElse(null));
        ControlApiClient.assertRequestId(response);
        assertTrue(jsonBody(response).path("GameSessions").isArray());
    }

    // ------------------------------------------------------------------ the connection

    @Test
    void severalRequestsShareOneConnection() throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, jsonPost("GameLift.CreateGameSession",
                    "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":2}"));
            RawResponse created = read(socket);
            assertEquals(200, created.status(), created::bodyText);
            String gameId = ControlApiClient.JSON.readTree(created.body()).path("GameSession").path("GameSessionId")
                    .asText();

            write(socket, jsonPost("GameLift.NoSuchOperation", "{}"));
            RawResponse unknown = read(socket);
            assertEquals(400, unknown.status());
            assertEquals("UnknownOperationException", unknown.header("x-amzn-ErrorType"));

            write(socket, jsonPost("GameLift.DescribeGameSessions", "{\"FleetId\":"));
            RawResponse malformed = read(socket);
            assertEquals(400, malformed.status());
            assertEquals("SerializationException", malformed.header("x-amzn-ErrorType"));

            write(socket, jsonPost("GameLift.DescribeGameSessions", "{\"GameSessionId\":\"" + gameId + "\"}"));
            RawResponse described = read(socket);
            assertEquals(200, described.status(), described::bodyText);
            assertEquals(gameId, ControlApiClient.JSON.readTree(described.body()).path("GameSessions").path(0)
                    .path("GameSessionId").asText());

            // Two pipelined in one write are answered in order.
            write(socket, jsonPost("GameLift.DescribeGameSessions", "{\"GameSessionId\":\"" + gameId + "\"}")
                    + jsonPost("GameLift.Nope", "{}"));
            assertEquals(200, read(socket).status());
            assertEquals(400, read(socket).status());
            for (RawResponse response : new RawResponse[] {created, unknown, malformed, described}) {
                assertNull(response.header("connection"), "keep-alive is HTTP/1.1's default; nothing closes");
                assertNotNull(response.header("x-amzn-RequestId"));
            }
        }
    }

    @Test
    void anHttp10RequestIsAnsweredAndClosed() throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, "GET /healthz HTTP/1.0\r\n\r\n");
            RawResponse response = read(socket);
            assertEquals(200, response.status());
            assertTrue(closedByServer(socket));
        }
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("a request line of one word", "GARBAGE\r\n\r\n"),
                Arguments.of("a request line of two words", "POST /\r\n\r\n"),
                Arguments.of("a space in the method", "PO ST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
                Arguments.of("a header line without a colon", "POST / HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n"),
                Arguments.of("two Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                        + "Content-Length: 3\r\n\r\n{}"),
                Arguments.of("a negative Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
                Arguments.of("a bad chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                Arguments.of("a request line over 4 KiB", "GET /" + "a".repeat(8192) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestGetsA400AndTheConnectionCloses(String what, String request) throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, request);
            assertTypedBadRequest(read(socket));
            assertTrue(closedByServer(socket), "the framing of what follows cannot be trusted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "GET /healthz% HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /service/GameLift/operation/%E0%A4%A HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"})
    void aBrokenEscapeInThePathGetsA400AndTheConnectionServesOn(String request) throws Exception {
        try (Socket socket = client.rawSocket()) {
            write(socket, request);
            assertTypedBadRequest(read(socket));
            write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, read(socket).status());
        }
    }

    private static void assertTypedError(RawResponse response, String errorName) throws Exception {
        assertEquals(400, response.status(), response::bodyText);
        assertEquals(ControlApiClient.JSON_TYPE, response.header("content-type"));
        assertEquals(errorName, response.header("x-amzn-ErrorType"));
        assertNotNull(response.header("x-amzn-RequestId"));
        JsonNode body = ControlApiClient.JSON.readTree(response.body());
        assertEquals(errorName, body.path("__type").asText());
        assertFalse(body.path("Message").asText().isEmpty());
    }

    private static void assertTypedBadRequest(RawResponse response) throws Exception {
        assertEquals(400, response.status(), response::bodyText);
        boolean cbor = response.header("content-type").equals(ControlApiClient.CBOR_TYPE);
        JsonNode body = cbor ? ControlApiClient.CBOR.readTree(response.body())
                : ControlApiClient.JSON.readTree(response.body());
        assertFalse(body.path("__type").asText().isEmpty(), response::bodyText);
        if (!cbor) {
            assertEquals(body.path("__type").asText(), response.header("x-amzn-ErrorType"));
        }
        assertNotNull(response.header("x-amzn-RequestId"));
    }

    private static String jsonPost(String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: " + target + "\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body;
    }
}
