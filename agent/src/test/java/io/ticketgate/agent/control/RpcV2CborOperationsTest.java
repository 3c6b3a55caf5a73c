package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertCborOk;
import static io.ticketgate.agent.control.ControlApiClient.members;
import static io.ticketgate.agent.control.ControlApiClient.timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.control.ControlApiClient.NumberEncoding;
import io.ticketgate.agent.control.ControlApiClient.WireTimestamp;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every GameLift operation over Smithy RPC v2 CBOR against a real agent on loopback: requests built
 * as the spec says, answers decoded byte by byte, timestamps checked as CBOR tag 1.
 */
@Timeout(30)
class RpcV2CborOperationsTest {

    private static final String FLEET = "fleet-local";
    private static final String FLEET_ARN = "arn:aws:gamelift:local:000000000000:fleet/fleet-local";

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
    void createGameSessionAnswersWithEveryMemberAndATaggedCreationTime() {
        Instant before = Instant.now();
        HttpResponse<byte[]> response = client.cbor("CreateGameSession", members(
                "FleetId", FLEET,
                "MaximumPlayerSessionCount", 4,
                "Name", "arena",
                "GameProperties", List.of(members("Key", "mode", "Value", "duel")),
                "CreatorId", "creator-1",
                "GameSessionData", "map=harbor",
                "Location", "local"));
        Instant after = Instant.now();

        JsonNode game = assertCborOk(response).path("GameSession");
        String id = game.path("GameSessionId").asText();
        assertTrue(id.startsWith("arn:aws:gamelift:local::gamesession/fleet-local/gsess-"), id);
        assertEquals("arena", game.path("Name").asText());
        assertEquals(FLEET, game.path("FleetId").asText());
        assertEquals(FLEET_ARN, game.path("FleetArn").asText());
        assertEquals("ACTIVE", game.path("Status").asText());
        assertEquals(0, game.path("CurrentPlayerSessionCount").intValue());
        assertEquals(4, game.path("MaximumPlayerSessionCount").intValue());
        assertEquals("mode", game.path("GameProperties").path(0).path("Key").asText());
        assertEquals("duel", game.path("GameProperties").path(0).path("Value").asText());
        assertEquals("127.0.0.1", game.path("IpAddress").asText());
        assertEquals(agent.playerPort(), game.path("Port").intValue());
        assertEquals("ACCEPT_ALL", game.path("PlayerSessionCreationPolicy").asText());
        assertEquals("creator-1", game.path("CreatorId").asText());
        assertEquals("map=harbor", game.path("GameSessionData").asText());
        assertEquals("local", game.path("Location").asText());
        assertFalse(game.has("TerminationTime"), "a live game session has no TerminationTime");

        List<WireTimestamp> creationTimes = timestamps(response.body(), "CreationTime");
        assertEquals(1, creationTimes.size());
        assertEpochSeconds(creationTimes.get(0), agent.gameSession(id).orElseThrow().creationTime(), before, after);
        assertTrue(timestamps(response.body(), "TerminationTime").isEmpty());
    }

    @Test
    void theServiceMayBeNamedByItsAbsoluteShapeId() {
        byte[] body = ControlApiClient.encodeCbor(members("FleetId", FLEET, "MaximumPlayerSessionCount", 1));
        HttpResponse<byte[]> created = client.send(client.cborRequest("CreateGameSession", body)
                .uri(client.uri(RpcV2CborFormat.ABSOLUTE_PATH_PREFIX + "CreateGameSession")));

        assertEquals("ACTIVE", assertCborOk(created).path("GameSession").path("Status").asText());
    }

    @Test
    void describeGameSessionsFindsOneByIdAndPagesThroughAllWithNextToken() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createGameSession(2).path("GameSessionId").asText());
        }

        HttpResponse<byte[]> byId = client.cbor("DescribeGameSessions", members("GameSessionId", created.get(1)));
        JsonNode sessions = assertCborOk(byId).path("GameSessions");
        assertEquals(1, sessions.size());
        assertEquals(created.get(1), sessions.path(0).path("GameSessionId").asText());
        assertFalse(cborBody(byId).has("NextToken"));
        assertEquals(1, timestamps(byId.body(), "CreationTime").get(0).tag());

        List<String> paged = pageThrough("DescribeGameSessions", "GameSessions", members("FleetId", FLEET), 2,
                item -> item.path("GameSessionId").asText());
        List<String> unpaged = new ArrayList<>();
        assertCborOk(client.cbor("DescribeGameSessions", members("FleetId", FLEET, "Limit", 100)))
                .path("GameSessions").forEach(item -> unpaged.add(item.path("GameSessionId").asText()));
        assertEquals(unpaged, paged, "pages of 2 join up to the whole list, in creation order");
        assertTrue(paged.containsAll(created), "every game session created is described");
        assertEquals(created, paged.subList(paged.indexOf(created.get(0)), paged.indexOf(created.get(0)) + 3));
    }

    @Test
    void describeGameSessionDetailsCarriesTheProtectionPolicyAndPages() {
        String first = createGameSession(2).path("GameSessionId").asText();
        String second = createGameSession(2).path("GameSessionId").asText();
        assertCborOk(client.cbor("UpdateGameSession",
                members("GameSessionId", second, "ProtectionPolicy", "FullProtection")));

        HttpResponse<byte[]> response = client.cbor("DescribeGameSessionDetails", members("GameSessionId", second));
        JsonNode details = assertCborOk(response).path("GameSessionDetails");
        assertEquals(1, details.size());
        assertEquals("FullProtection", details.path(0).path("ProtectionPolicy").asText());
        assertEquals(second, details.path(0).path("GameSession").path("GameSessionId").asText());
        assertEpochSeconds(timestamps(response.body(), "CreationTime").get(0),
                agent.gameSession(second).orElseThrow().creationTime(), null, null);

        List<String> paged = pageThrough("DescribeGameSessionDetails", "GameSessionDetails",
                members("FleetId", FLEET, "StatusFilter", "ACTIVE"), 1,
                item -> item.path("GameSession").path("GameSessionId").asText() + "=" + item.path("ProtectionPolicy").asText());
        assertTrue(paged.contains(first + "=NoProtection"), paged::toString);
        assertTrue(paged.contains(second + "=FullProtection"), paged::toString);
    }

    @Test
    void updateGameSessionAppliesEveryMemberGiven() {
        String id = createGameSession(2).path("GameSessionId").asText();

        HttpResponse<byte[]> response = client.cbor("UpdateGameSession", members(
                "GameSessionId", id,
                "MaximumPlayerSessionCount", 10,
                "Name", "renamed",
                "PlayerSessionCreationPolicy", "DENY_ALL",
                "ProtectionPolicy", "FullProtection"));

        JsonNode game = assertCborOk(response).path("GameSession");
        assertEquals(id, game.path("GameSessionId").asText());
        assertEquals(10, game.path("MaximumPlayerSessionCount").intValue());
        assertEquals("renamed", game.path("Name").asText());
        assertEquals("DENY_ALL", game.path("PlayerSessionCreationPolicy").asText());
        assertEquals(1, timestamps(response.body(), "CreationTime").get(0).tag());
        GameSession stored = agent.gameSession(id).orElseThrow();
        assertEquals(10, stored.maximumPlayerSessionCount());
        assertEquals("FullProtection", stored.protectionPolicy().name());
    }

    @Test
    void createPlayerSessionReservesASlot() {
        String gameId = createGameSession(2).path("GameSessionId").asText();
        Instant before = Instant.now();

        HttpResponse<byte[]> response = client.cbor("CreatePlayerSession",
                members("GameSessionId", gameId, "PlayerId", "player-1", "PlayerData", "Alice"));
        Instant after = Instant.now();

        JsonNode player = assertCborOk(response).path("PlayerSession");
        String playerSessionId = player.path("PlayerSessionId").asText();
        assertTrue(playerSessionId.startsWith("psess-"), playerSessionId);
        assertEquals("player-1", player.path("PlayerId").asText());
        assertEquals(gameId, player.path("GameSessionId").asText());
        assertEquals(FLEET, player.path("FleetId").asText());
        assertEquals(FLEET_ARN, player.path("FleetArn").asText());
        assertEquals("RESERVED", player.path("Status").asText());
        assertEquals("127.0.0.1", player.path("IpAddress").asText());
        assertEquals(agent.playerPort(), player.path("Port").intValue());
        assertEquals("Alice", player.path("PlayerData").asText());
        assertFalse(player.has("TerminationTime"));
        assertEpochSeconds(timestamps(response.body(), "CreationTime").get(0),
                agent.playerSession(playerSessionId).orElseThrow().creationTime(), before, after);
        assertEquals(1, agent.gameSession(gameId).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void createPlayerSessionsReservesOneSlotPerPlayerWithTheirData() {
        String gameId = createGameSession(4).path("GameSessionId").asText();

        HttpResponse<byte[]> response = client.cbor("CreatePlayerSessions", members(
                "GameSessionId", gameId,
                "PlayerIds", List.of("a", "b", "c"),
                "PlayerDataMap", Map.of("a", "data-a", "c", "data-c")));

        JsonNode players = assertCborOk(response).path("PlayerSessions");
        assertEquals(3, players.size());
        List<String> playerIds = new ArrayList<>();
        players.forEach(player -> {
            playerIds.add(player.path("PlayerId").asText());
            assertEquals("RESERVED", player.path("Status").asText());
            assertEquals(gameId, player.path("GameSessionId").asText());
        });
        assertEquals(List.of("a", "b", "c"), playerIds);
        assertEquals("data-a", players.path(0).path("PlayerData").asText());
        assertFalse(players.path(1).has("PlayerData"), "b was given no PlayerData");
        assertEquals("data-c", players.path(2).path("PlayerData").asText());
        List<WireTimestamp> creationTimes = timestamps(response.body(), "CreationTime");
        assertEquals(3, creationTimes.size());
        for (int i = 0; i < 3; i++) {
            assertEpochSeconds(creationTimes.get(i), agent.playerSession(players.path(i).path("PlayerSessionId")
                    .asText()).orElseThrow().creationTime(), null, null);
        }
        assertEquals(3, agent.gameSession(gameId).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void describePlayerSessionsPagesByGameSessionAndFindsByPlayerAndById() {
        String gameId = createGameSession(5).path("GameSessionId").asText();
        JsonNode reserved = assertCborOk(client.cbor("CreatePlayerSessions",
                members("GameSessionId", gameId, "PlayerIds", List.of("p1", "p2", "p3")))).path("PlayerSessions");
        List<String> reservedIds = new ArrayList<>();
        reserved.forEach(player -> reservedIds.add(player.path("PlayerSessionId").asText()));

        HttpResponse<byte[]> firstPage = client.cbor("DescribePlayerSessions",
                members("GameSessionId", gameId, "Limit", 2));
        JsonNode first = assertCborOk(firstPage);
        assertEquals(2, first.path("PlayerSessions").size());
        assertTrue(first.path("NextToken").isTextual(), "a third player session remains");
        assertEquals(2, timestamps(firstPage.body(), "CreationTime").stream().filter(t -> t.tag() == 1).count());
        JsonNode second = assertCborOk(client.cbor("DescribePlayerSessions",
                members("GameSessionId", gameId, "Limit", 2, "NextToken", first.path("NextToken").asText())));
        assertEquals(1, second.path("PlayerSessions").size());
        assertFalse(second.has("NextToken"), "the last page has no NextToken");
        assertEquals(reservedIds, List.of(first.path("PlayerSessions").path(0).path("PlayerSessionId").asText(),
                first.path("PlayerSessions").path(1).path("PlayerSessionId").asText(),
                second.path("PlayerSessions").path(0).path("PlayerSessionId").asText()));

        JsonNode byPlayer = assertCborOk(client.cbor("DescribePlayerSessions",
                members("GameSessionId", gameId, "PlayerId", "p2"))).path("PlayerSessions");
        assertEquals(1, byPlayer.size());
        assertEquals(reservedIds.get(1), byPlayer.path(0).path("PlayerSessionId").asText());

        JsonNode reservedOnly = assertCborOk(client.cbor("DescribePlayerSessions",
                members("GameSessionId", gameId, "PlayerSessionStatusFilter", "RESERVED"))).path("PlayerSessions");
        assertEquals(3, reservedOnly.size());
    }

    @Test
    void endedSessionsCarryATaggedTerminationTime() {
        String gameId = createGameSession(2).path("GameSessionId").asText();
        String playerSessionId = assertCborOk(client.cbor("CreatePlayerSession",
                members("GameSessionId", gameId, "PlayerId", "leaver"))).path("PlayerSession").path("PlayerSessionId").asText();
        Instant before = Instant.now();
        PlayerSession removed = agent.removePlayerSession(playerSessionId);
        GameSession ended = agent.endGameSession(gameId);
        Instant after = Instant.now();

        HttpResponse<byte[]> players = client.cbor("DescribePlayerSessions", members("PlayerSessionId", playerSessionId));
        JsonNode player = assertCborOk(players).path("PlayerSessions").path(0);
        assertEquals("COMPLETED", player.path("Status").asText());
        List<WireTimestamp> playerEnd = timestamps(players.body(), "TerminationTime");
        assertEquals(1, playerEnd.size());
        assertEpochSeconds(playerEnd.get(0), removed.terminationTime(), before, after);

        HttpResponse<byte[]> games = client.cbor("DescribeGameSessions", members("GameSessionId", gameId));
        assertEquals("TERMINATED", assertCborOk(games).path("GameSessions").path(0).path("Status").asText());
        List<WireTimestamp> gameEnd = timestamps(games.body(), "TerminationTime");
        assertEquals(1, gameEnd.size());
        assertEpochSeconds(gameEnd.get(0), ended.terminationTime(), before, after);

        HttpResponse<byte[]> details = client.cbor("DescribeGameSessionDetails", members("GameSessionId", gameId));
        assertEpochSeconds(timestamps(assertCborOkBytes(details), "TerminationTime").get(0),
                ended.terminationTime(), before, after);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode createGameSession(int maximumPlayers) {
        return assertCborOk(client.cbor("CreateGameSession",
                members("FleetId", FLEET, "MaximumPlayerSessionCount", maximumPlayers))).path("GameSession");
    }

    private static JsonNode cborBody(HttpResponse<byte[]> response) {
        return ControlApiClient.cborBody(response);
    }

    private static byte[] assertCborOkBytes(HttpResponse<byte[]> response) {
        assertCborOk(response);
        return response.body();
    }

    /** Walks every page of a describe operation; returns what {@code key} makes of each item, in order. */
    private static List<String> pageThrough(String operation, String listMember, Map<String, Object> filter,
            int limit, Function<JsonNode, String> key) {
        List<String> items = new ArrayList<>();
        String nextToken = null;
        int pages = 0;
        do {
            Map<String, Object> input = new LinkedHashMap<>(filter);
            input.put("Limit", limit);
            if (nextToken != null) {
                input.put("NextToken", nextToken);
            }
            JsonNode page = assertCborOk(client.cbor(operation, input));
            JsonNode list = page.path(listMember);
            assertTrue(list.size() <= limit, () -> "a page holds at most Limit items: " + page);
            list.forEach(item -> items.add(key.apply(item)));
            nextToken = page.has("NextToken") ? page.path("NextToken").asText() : null;
            pages++;
            assertTrue(pages < 1000, "paging ends");
        } while (nextToken != null);
        assertTrue(pages >= 2, () -> "expected several pages of " + limit + ", got " + items);
        return items;
    }

    /**
     * Asserts a timestamp is CBOR tag 1 with epoch seconds at millisecond resolution (an integer,
     * or a float wide enough for milliseconds) equal to {@code expected}, and between
     * {@code notBefore} and {@code notAfter} when given.
     */
    private static void assertEpochSeconds(WireTimestamp timestamp, Instant expected, Instant notBefore,
            Instant notAfter) {
        assertEquals(1, timestamp.tag(), "a timestamp is CBOR tag 1 (epoch-based date/time)");
        assertNotEquals(NumberEncoding.NOT_A_NUMBER, timestamp.encoding());
        assertNotEquals(NumberEncoding.FLOAT32, timestamp.encoding(), "a float32 cannot hold epoch milliseconds");
        long millis = timestamp.epochSeconds().movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        assertEquals(expected.toEpochMilli(), millis, "epoch seconds of " + expected);
        if (notBefore != null) {
            assertTrue(millis >= notBefore.toEpochMilli() && millis <= notAfter.toEpochMilli(),
                    () -> Instant.ofEpochMilli(millis) + " is between " + notBefore + " and " + notAfter);
        }
    }
}
