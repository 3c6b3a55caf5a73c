package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.GameLiftAssertions.assertCloseToNow;
import static io.ticketgate.agent.control.GameLiftAssertions.assertRequestId;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ARN;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ID;
import static io.ticketgate.agent.control.SdkAgent.GAME_SESSION_ARN_PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.gamelift.model.CreateGameSessionResponse;
import software.amazon.awssdk.services.gamelift.model.DescribePlayerSessionsResponse;
import software.amazon.awssdk.services.gamelift.model.GameProperty;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.GameSessionDetail;
import software.amazon.awssdk.services.gamelift.model.GameSessionStatus;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSessionCreationPolicy;
import software.amazon.awssdk.services.gamelift.model.PlayerSessionStatus;
import software.amazon.awssdk.services.gamelift.model.ProtectionPolicy;

/** Every operation of the control API succeeds through the real AWS SDK, which parses every field. */
@Timeout(30)
class GameLiftSdkOperationsTest {

    private static SdkAgent sdk;

    @BeforeAll
    static void startAgent() {
        sdk = SdkAgent.start();
    }

    @AfterAll
    static void stopAgent() {
        sdk.close();
    }

    @Test
    void createGameSessionReturnsEveryFieldOfTheNewGameSession() {
        String token = "create-" + UUID.randomUUID();
        List<GameProperty> properties = List.of(property("mode", "ctf"), property("map", "dust"));

        CreateGameSessionResponse response = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID)
                .maximumPlayerSessionCount(8)
                .name("lobby")
                .creatorId("creator-1")
                .gameSessionData("{\"seed\":42}")
                .gameProperties(properties)
                .idempotencyToken(token)
                .location("local"));

        GameSession game = response.gameSession();
        assertEquals(GAME_SESSION_ARN_PREFIX + token, game.gameSessionId());
        assertEquals("lobby", game.name());
        assertEquals(FLEET_ID, game.fleetId());
        assertEquals(FLEET_ARN, game.fleetArn());
        assertCloseToNow(game.creationTime());
        assertNull(game.terminationTime());
        assertEquals(0, game.currentPlayerSessionCount());
        assertEquals(8, game.maximumPlayerSessionCount());
        assertEquals(GameSessionStatus.ACTIVE, game.status());
        assertEquals(properties, game.gameProperties());
        assertEquals("127.0.0.1", game.ipAddress());
        assertNull(game.dnsName());
        assertEquals(sdk.agent.playerPort(), game.port());
        assertEquals(PlayerSessionCreationPolicy.ACCEPT_ALL, game.playerSessionCreationPolicy());
        assertEquals("creator-1", game.creatorId());
        assertEquals("{\"seed\":42}", game.gameSessionData());
        assertEquals("local", game.location());
        assertRequestId(response.responseMetadata().requestId());
    }

    @Test
    void createGameSessionWithoutTokenGetsAGeneratedId() {
        GameSession game = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ARN)
                .maximumPlayerSessionCount(0)).gameSession();

        assertTrue(game.gameSessionId().matches(Pattern.quote(GAME_SESSION_ARN_PREFIX)
                + "gsess-[0-9a-f-]{36}"), game.gameSessionId());
        assertEquals(0, game.maximumPlayerSessionCount());
        assertNull(game.name());
        assertEquals(List.of(), game.gameProperties());
        assertNotEquals(game.gameSessionId(), sdk.newGameSession(1).gameSessionId());
    }

    @Test
    void repeatedIdempotencyTokenWithTheSameParametersReturnsTheSameGameSession() {
        String token = "retry-" + UUID.randomUUID();
        GameSession first = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(4).name("retry").idempotencyToken(token)).gameSession();
        sdk.client.createPlayerSession(request -> request.gameSessionId(first.gameSessionId()).playerId("p1"));

        GameSession again = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(4).name("retry").idempotencyToken(token)).gameSession();

        assertEquals(first.gameSessionId(), again.gameSessionId());
        assertEquals(first.creationTime(), again.creationTime());
        // The original game session, as it is now.
        assertEquals(1, again.currentPlayerSessionCount());
        List<GameSession> all = sdk.client.describeGameSessionsPaginator(request -> request.fleetId(FLEET_ID))
                .gameSessions().stream()
                .filter(game -> game.gameSessionId().equals(first.gameSessionId()))
                .toList();
        assertEquals(1, all.size());
    }

    @Test
    void describeGameSessionsByIdReturnsThatGameSession() {
        GameSession created = sdk.newGameSession(3);

        var response = sdk.client.describeGameSessions(request -> request.gameSessionId(created.gameSessionId()));

        assertEquals(List.of(created), response.gameSessions());
        assertNull(response.nextToken());
    }

    @Test
    void describeGameSessionsByFleetFiltersOnStatusAndShowsTheTerminationTime() {
        GameSession running = sdk.newGameSession(2);
        GameSession ended = sdk.newGameSession(2);
        sdk.agent.endGameSession(ended.gameSessionId());

        List<GameSession> active = sdk.client.describeGameSessionsPaginator(request -> request
                .fleetId(FLEET_ID).statusFilter("ACTIVE").limit(3)).gameSessions().stream().toList();
        List<GameSession> terminated = sdk.client.describeGameSessionsPaginator(request -> request
                .fleetId(FLEET_ID).statusFilter("TERMINATED").limit(3)).gameSessions().stream().toList();

        assertTrue(ids(active).contains(running.gameSessionId()));
        assertFalse(ids(active).contains(ended.gameSessionId()));
        assertTrue(active.stream().allMatch(game -> game.status() == GameSessionStatus.ACTIVE));
        GameSession endedNow = terminated.stream()
                .filter(game -> game.gameSessionId().equals(ended.gameSessionId())).findFirst().orElseThrow();
        assertEquals(GameSessionStatus.TERMINATED, endedNow.status());
        assertCloseToNow(endedNow.terminationTime());
        assertFalse(endedNow.terminationTime().isBefore(endedNow.creationTime()));
    }

    @Test
    void describeGameSessionDetailsReportsTheProtectionPolicy() {
        GameSession game = sdk.newGameSession(2);

        GameSessionDetail before = sdk.client.describeGameSessionDetails(request -> request
                .gameSessionId(game.gameSessionId())).gameSessionDetails().get(0);
        sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId()).protectionPolicy(ProtectionPolicy.FULL_PROTECTION));
        List<GameSessionDetail> after = sdk.client.describeGameSessionDetails(request -> request
                .gameSessionId(game.gameSessionId())).gameSessionDetails();

        assertEquals(game, before.gameSession());
        assertEquals(ProtectionPolicy.NO_PROTECTION, before.protectionPolicy());
        assertEquals(1, after.size());
        assertEquals(ProtectionPolicy.FULL_PROTECTION, after.get(0).protectionPolicy());
        GameSessionDetail inFleet = sdk.client.describeGameSessionDetailsPaginator(request -> request
                        .fleetId(FLEET_ID).limit(2)).gameSessionDetails().stream()
                .filter(detail -> detail.gameSession().gameSessionId().equals(game.gameSessionId()))
                .findFirst().orElseThrow();
        assertEquals(ProtectionPolicy.FULL_PROTECTION, inFleet.protectionPolicy());
    }

    @Test
    void updateGameSessionChangesEveryMutableField() {
        GameSession game = sdk.newGameSession(2);
        List<GameProperty> properties = List.of(property("round", "2"));

        GameSession updated = sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId())
                .maximumPlayerSessionCount(10)
                .name("renamed")
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.DENY_ALL)
                .protectionPolicy(ProtectionPolicy.FULL_PROTECTION)
                .gameProperties(properties)).gameSession();

        assertEquals(game.gameSessionId(), updated.gameSessionId());
        assertEquals(10, updated.maximumPlayerSessionCount());
        assertEquals("renamed", updated.name());
        assertEquals(PlayerSessionCreationPolicy.DENY_ALL, updated.playerSessionCreationPolicy());
        assertEquals(properties, updated.gameProperties());
        assertEquals(game.creationTime(), updated.creationTime());
        assertEquals(GameSessionStatus.ACTIVE, updated.status());
        GameSessionDetail detail = sdk.client.describeGameSessionDetails(request -> request
                .gameSessionId(game.gameSessionId())).gameSessionDetails().get(0);
        assertEquals(updated, detail.gameSession());
        assertEquals(ProtectionPolicy.FULL_PROTECTION, detail.protectionPolicy());
    }

    @Test
    void updateGameSessionAddsAndChangesGamePropertiesAsGameLiftDoes() {
        GameSession game = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2)
                .gameProperties(property("mode", "ctf"), property("map", "dust"))).gameSession();

        GameSession updated = sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId())
                .gameProperties(property("map", "mirage"), property("round", "1"))).gameSession();

        // The model: "adds new properties and modifies existing properties. There is no way to delete properties."
        List<GameProperty> merged = List.of(property("mode", "ctf"), property("map", "mirage"), property("round", "1"));
        assertEquals(merged, updated.gameProperties());
        assertEquals(merged, describe(game).gameProperties());
    }

    @Test
    void updateGameSessionLeavesOmittedFieldsAlone() {
        GameSession game = sdk.newGameSession(2);

        GameSession updated = sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId()).maximumPlayerSessionCount(3)).gameSession();

        assertEquals(3, updated.maximumPlayerSessionCount());
        assertEquals(game.name(), updated.name());
        assertEquals(PlayerSessionCreationPolicy.ACCEPT_ALL, updated.playerSessionCreationPolicy());
    }

    @Test
    void createPlayerSessionReservesASlot() {
        GameSession game = sdk.newGameSession(2);

        var response = sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("alice").playerData("{\"team\":\"red\"}"));

        PlayerSession player = response.playerSession();
        assertTrue(player.playerSessionId().matches("psess-[0-9a-f-]{36}"), player.playerSessionId());
        assertEquals("alice", player.playerId());
        assertEquals(game.gameSessionId(), player.gameSessionId());
        assertEquals(FLEET_ID, player.fleetId());
        assertEquals(FLEET_ARN, player.fleetArn());
        assertCloseToNow(player.creationTime());
        assertNull(player.terminationTime());
        assertEquals(PlayerSessionStatus.RESERVED, player.status());
        assertEquals("127.0.0.1", player.ipAddress());
        assertNull(player.dnsName());
        assertEquals(sdk.agent.playerPort(), player.port());
        assertEquals("{\"team\":\"red\"}", player.playerData());
        assertRequestId(response.responseMetadata().requestId());
        assertEquals(1, describe(game).currentPlayerSessionCount());
    }

    @Test
    void createPlayerSessionsReservesTheBatchInOrderWithItsPlayerData() {
        GameSession game = sdk.newGameSession(5);

        List<PlayerSession> players = sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId())
                .playerIds("p1", "p2", "p3")
                .playerDataMap(Map.of("p1", "one", "p3", "three", "not-in-batch", "ignored"))).playerSessions();

        assertEquals(List.of("p1", "p2", "p3"), players.stream().map(PlayerSession::playerId).toList());
        assertEquals("one", players.get(0).playerData());
        assertNull(players.get(1).playerData());
        assertEquals("three", players.get(2).playerData());
        assertEquals(3, players.stream().map(PlayerSession::playerSessionId).distinct().count());
        for (PlayerSession player : players) {
            assertEquals(game.gameSessionId(), player.gameSessionId());
            assertEquals(PlayerSessionStatus.RESERVED, player.status());
            assertEquals(FLEET_ARN, player.fleetArn());
            assertCloseToNow(player.creationTime());
        }
        assertEquals(3, describe(game).currentPlayerSessionCount());
    }

    @Test
    void describePlayerSessionsByPlayerSessionIdReturnsThatSession() {
        GameSession game = sdk.newGameSession(2);
        PlayerSession player = reserve(game, "bob");

        DescribePlayerSessionsResponse response = sdk.client.describePlayerSessions(request -> request
                .playerSessionId(player.playerSessionId()));

        assertEquals(List.of(player), response.playerSessions());
        assertNull(response.nextToken());
    }

    @Test
    void describePlayerSessionsByGameSessionShowsStatusesAndTerminationTimes() throws Exception {
        GameSession game = sdk.newGameSession(4);
        PlayerSession reserved = reserve(game, "reserved");
        PlayerSession connected = reserve(game, "connected");
        PlayerSession removed = reserve(game, "removed");
        sdk.agent.removePlayerSession(removed.playerSessionId());

        try (TgtConnection connection = TgtClient.connect("127.0.0.1", sdk.agent.playerPort(),
                connected.playerSessionId())) {
            assertTrue(connection.accepted(), connection.toString());

            List<PlayerSession> all = sdk.client.describePlayerSessions(request -> request
                    .gameSessionId(game.gameSessionId())).playerSessions();
            List<PlayerSession> active = sdk.client.describePlayerSessions(request -> request
                    .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("ACTIVE")).playerSessions();
            List<PlayerSession> completed = sdk.client.describePlayerSessions(request -> request
                    .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("COMPLETED"))
                    .playerSessions();

            assertEquals(List.of(reserved.playerSessionId(), connected.playerSessionId(), removed.playerSessionId()),
                    all.stream().map(PlayerSession::playerSessionId).toList());
            assertEquals(List.of(PlayerSessionStatus.RESERVED, PlayerSessionStatus.ACTIVE,
                    PlayerSessionStatus.COMPLETED), all.stream().map(PlayerSession::status).toList());
            assertEquals(List.of(connected.playerSessionId()),
                    active.stream().map(PlayerSession::playerSessionId).toList());
            assertNull(active.get(0).terminationTime());
            assertEquals(1, completed.size());
            assertCloseToNow(completed.get(0).terminationTime());
            assertEquals(2, describe(game).currentPlayerSessionCount());
        }
    }

    @Test
    void describePlayerSessionsByPlayerIdSpansGameSessionsAndIgnoresTheStatusFilter() {
        String playerId = "player-" + UUID.randomUUID();
        GameSession first = sdk.newGameSession(1);
        GameSession second = sdk.newGameSession(1);
        PlayerSession inFirst = reserve(first, playerId);
        PlayerSession inSecond = reserve(second, playerId);
        reserve(sdk.newGameSession(1), "someone-else");

        List<PlayerSession> byPlayer = sdk.client.describePlayerSessions(request -> request
                .playerId(playerId).playerSessionStatusFilter("COMPLETED")).playerSessions();
        List<PlayerSession> byPlayerInSecond = sdk.client.describePlayerSessions(request -> request
                .playerId(playerId).gameSessionId(second.gameSessionId())).playerSessions();

        // The model: with a PlayerId, PlayerSessionStatusFilter has no effect.
        assertEquals(List.of(inFirst, inSecond), byPlayer);
        assertEquals(List.of(inSecond), byPlayerInSecond);
    }

    @Test
    void describePlayerSessionsByPlayerSessionIdIgnoresTheStatusFilterAndLimit() {
        GameSession game = sdk.newGameSession(1);
        PlayerSession player = reserve(game, "carol");

        List<PlayerSession> found = sdk.client.describePlayerSessions(request -> request
                .playerSessionId(player.playerSessionId()).playerSessionStatusFilter("ACTIVE").limit(1))
                .playerSessions();

        assertEquals(List.of(player), found);
    }

    private static PlayerSession reserve(GameSession game, String playerId) {
        return sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId(playerId)).playerSession();
    }

    private static GameSession describe(GameSession game) {
        return sdk.client.describeGameSessions(request -> request.gameSessionId(game.gameSessionId()))
                .gameSessions().get(0);
    }

    private static GameProperty property(String key, String value) {
        return GameProperty.builder().key(key).value(value).build();
    }

    private static List<String> ids(List<GameSession> games) {
        return games.stream().map(GameSession::gameSessionId).toList();
    }
}
