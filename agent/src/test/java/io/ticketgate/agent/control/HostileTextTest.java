package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertCborError;
import static io.ticketgate.agent.control.ControlApiClient.assertCborOk;
import static io.ticketgate.agent.control.ControlApiClient.assertJsonError;
import static io.ticketgate.agent.control.ControlApiClient.jsonBody;
import static io.ticketgate.agent.control.ControlApiClient.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Bad text is refused, not stored: malformed UTF-8, overlong forms and unpaired surrogates in
 * any member are an InvalidRequestException that creates nothing, in both wire formats; CBOR
 * bignums are unsigned; and what clients send cannot forge a log line.
 */
@Timeout(30)
class HostileTextTest {

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

    @Test
    void anOverlongUtf8SequenceInJsonIsInvalidAndStoresNothing() {
        String gameId = createGameSession(4);
        byte[] body = concat("{\"GameSessionId\":\"" + gameId + "\",\"PlayerId\":\"p", bytes("c0af"), "x\"}");
        assertJsonError(client.send(client.jsonRequest("CreatePlayerSession", body)), "InvalidRequestException");
        byte[] nul = concat("{\"GameSessionId\":\"" + gameId + "\",\"PlayerId\":\"p", bytes("c080"), "x\"}");
        assertJsonError(client.send(client.jsonRequest("CreatePlayerSession", nul)), "InvalidRequestException");
        assertNoPlayers(gameId);
    }

    @Test
    void anEscapedLoneSurrogateInJsonIsInvalidAndStoresNothing() {
        String gameId = createGameSession(4);
        JsonNode error = assertJsonError(client.json("CreatePlayerSession",
                "{\"GameSessionId\":\"" + gameId + "\",\"PlayerId\":\"p\\ud800\"}"), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("PlayerId"), error::toString);
        assertJsonError(client.json("CreatePlayerSessions", "{\"GameSessionId\":\"" + gameId
                + "\",\"PlayerIds\":[\"ok\"],\"PlayerDataMap\":{\"ok\":\"\\udc00\"}}"), "InvalidRequestException");
        assertNoPlayers(gameId);
    }

    @Test
    void aLoneSurrogateEncodedInCborIsInvalidAndStoresNothing() {
        String gameId = createGameSession(4);
        // {"GameSessionId": gameId, "PlayerId": "ed a0 80"}: a surrogate encoded as if it were a character.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0xA2);
        cborText(body, "GameSessionId".getBytes(StandardCharsets.UTF_8));
        cborText(body, gameId.getBytes(StandardCharsets.UTF_8));
        cborText(body, "PlayerId".getBytes(StandardCharsets.UTF_8));
        cborText(body, bytes("eda080"));
        HttpResponse<byte[]> response = client.send(client.cborRequest("CreatePlayerSession", body.toByteArray()));
        assertCborError(response, "InvalidRequestException");
        JsonNode described = assertCborOk(client.cbor("DescribePlayerSessions", members("GameSessionId", gameId)));
        assertEquals(0, described.path("PlayerSessions").size());
    }

    @Test
    void aCborBignumIsUnsigned() {
        // MaximumPlayerSessionCount: tag 2 (positive bignum) of the byte ff is 255, not -1.
        byte[] over = concat(cborCreateGameSessionPrefix(), bytes("c241ff"));
        JsonNode error = assertCborError(client.send(client.cborRequest("CreateGameSession", over)),
                "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("was 255"), error::toString);
        byte[] ten = concat(cborCreateGameSessionPrefix(), bytes("c2410a"));
        JsonNode created = assertCborOk(client.send(client.cborRequest("CreateGameSession", ten)));
        assertEquals(10, created.path("GameSession").path("MaximumPlayerSessionCount").asInt());
    }

    @Test
    void maximumPlayerSessionCountIsBoundedAsGameLiftBoundsIt() {
        JsonNode error = assertJsonError(client.json("CreateGameSession",
                "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":2147483647}"), "InvalidRequestException");
        assertTrue(error.path("Message").asText().contains("MaximumPlayerSessionCount"), error::toString);
        assertEquals(200, client.json("CreateGameSession",
                "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":200}").statusCode());
        String gameId = createGameSession(2);
        assertJsonError(client.json("UpdateGameSession",
                "{\"GameSessionId\":\"" + gameId + "\",\"MaximumPlayerSessionCount\":201}"), "InvalidRequestException");
    }

    @Test
    void aPlayerIdHoldingALineBreakCannotForgeALogLine() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger("io.ticketgate.connections");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            String gameId = createGameSession(4);
            String forged = "p1\n12:00:00.000 INFO  io.ticketgate.connections - player connection result=ACCEPTED";
            JsonNode created = jsonBody(client.json("CreatePlayerSession", "{\"GameSessionId\":\"" + gameId
                    + "\",\"PlayerId\":\"p1\\n12:00:00.000 INFO  io.ticketgate.connections - player connection "
                    + "result=ACCEPTED\\u2028\"}"));
            assertTrue(created.path("PlayerSession").path("PlayerId").asText().startsWith(forged), created::toString);
            String playerSessionId = created.path("PlayerSession").path("PlayerSessionId").asText();
            try (TgtConnection connection = TgtClient.connect("127.0.0.1", agent.playerPort(), playerSessionId)) {
                assertTrue(connection.accepted(), connection::toString);
            }
            ILoggingEvent line = lines.list.stream()
                    .filter(event -> event.getFormattedMessage().contains(playerSessionId)).findFirst().orElseThrow();
            String message = line.getFormattedMessage();
            assertFalse(message.contains("\n") || message.contains("\r") || message.contains("\u2028"), message);
            assertTrue(message.contains("playerId=p1\\n12:00:00.000"), message);
            assertTrue(message.contains("\\u2028"), message);
        } finally {
            log.detachAppender(lines);
        }
    }

    private static String createGameSession(int players) {
        return jsonBody(client.json("CreateGameSession",
                "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":" + players + "}"))
                .path("GameSession").path("GameSessionId").asText();
    }

    private static void assertNoPlayers(String gameId) {
        JsonNode described = jsonBody(client.json("DescribePlayerSessions", "{\"GameSessionId\":\"" + gameId + "\"}"));
        assertEquals(0, described.path("PlayerSessions").size(), described::toString);
    }

    /** {"FleetId": "fleet-local", "MaximumPlayerSessionCount": } with the value to follow. */
    private static byte[] cborCreateGameSessionPrefix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xA2);
        cborText(out, "FleetId".getBytes(StandardCharsets.UTF_8));
        cborText(out, "fleet-local".getBytes(StandardCharsets.UTF_8));
        cborText(out, "MaximumPlayerSessionCount".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A definite-length CBOR text string of raw bytes, well-formed or not. */
    private static void cborText(ByteArrayOutputStream out, byte[] utf8) {
        if (utf8.length < 24) {
            out.write(0x60 | utf8.length);
        } else {
            out.write(0x78);
            out.write(utf8.length);
        }
        out.writeBytes(utf8);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
