package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.GameLiftAssertions.assertError;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ID;
import static io.ticketgate.agent.control.SdkAgent.GAME_SESSION_ARN_PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;
import software.amazon.awssdk.services.gamelift.model.GameProperty;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.GameSessionFullException;
import software.amazon.awssdk.services.gamelift.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.gamelift.model.InvalidGameSessionStatusException;
import software.amazon.awssdk.services.gamelift.model.InvalidRequestException;
import software.amazon.awssdk.services.gamelift.model.NotFoundException;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSessionCreationPolicy;

/**
 * Each error the model declares and the agent can produce reaches the AWS SDK as its typed
 * exception, with the model's name, HTTP 400, a request id and a message naming what to fix.
 */
@Timeout(30)
class GameLiftSdkErrorsTest {

    private static SdkAgent sdk;

    @BeforeAll
    static void startAgent() {
        sdk = SdkAgent.start();
    }

    @AfterAll
    static void stopAgent() {
        sdk.close();
    }

    // ---------------------------------------------------------------- NotFoundException

    @Test
    void createGameSessionInAnotherFleetIsNotFound() {
        assertError(NotFoundException.class, "fleet-other", () -> sdk.client.createGameSession(request -> request
                .fleetId("fleet-other").maximumPlayerSessionCount(2)));
        assertError(NotFoundException.class, "fleet-other", () -> sdk.client.createGameSession(request -> request
                .fleetId("arn:aws:gamelift:local:000000000000:fleet/fleet-other").maximumPlayerSessionCount(2)));
        assertError(NotFoundException.class, "fleet-other", () -> sdk.client.describeGameSessions(request -> request
                .fleetId("fleet-other")));
    }

    @Test
    void anAliasIsNotFound() {
        assertError(NotFoundException.class, "alias-1234", () -> sdk.client.createGameSession(request -> request
                .aliasId("alias-1234").maximumPlayerSessionCount(2)));
        assertError(NotFoundException.class, "alias-1234", () -> sdk.client.describeGameSessionDetails(request -> request
                .aliasId("alias-1234")));
    }

    @Test
    void anUnknownGameSessionIsNotFoundByEveryOperation() {
        String unknown = GAME_SESSION_ARN_PREFIX + "no-such-game";

        assertError(NotFoundException.class, unknown, () -> sdk.client.describeGameSessions(request -> request
                .gameSessionId(unknown)));
        assertError(NotFoundException.class, unknown, () -> sdk.client.describeGameSessionDetails(request -> request
                .gameSessionId(unknown)));
        assertError(NotFoundException.class, unknown, () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(unknown).name("x")));
        assertError(NotFoundException.class, unknown, () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(unknown).playerId("p1")));
        assertError(NotFoundException.class, unknown, () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(unknown).playerIds("p1")));
        assertError(NotFoundException.class, unknown, () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId(unknown)));
    }

    @Test
    void anUnknownPlayerSessionIsNotFound() {
        String unknown = "psess-" + UUID.randomUUID();

        assertError(NotFoundException.class, unknown, () -> sdk.client.describePlayerSessions(request -> request
                .playerSessionId(unknown)));
    }

    // ---------------------------------------------------------------- GameSessionFullException

    @Test
    void aFullGameSessionRefusesAnotherPlayer() {
        GameSession game = sdk.newGameSession(1);
        reserve(game, "first");

        assertError(GameSessionFullException.class, game.gameSessionId(), () -> reserve(game, "second"));

        sdk.client.updateGameSession(request -> request.gameSessionId(game.gameSessionId())
                .maximumPlayerSessionCount(2));
        assertEquals("second", reserve(game, "second").playerId());
    }

    @Test
    void aBatchLargerThanTheFreeSlotsReservesNobody() {
        GameSession game = sdk.newGameSession(3);
        reserve(game, "first");

        assertError(GameSessionFullException.class, "2 free", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds("a", "b", "c")));

        assertEquals(1, playerSessions(game).size());
        assertEquals(1, currentPlayerSessionCount(game));
    }

    // ---------------------------------------------------------------- InvalidGameSessionStatusException

    @Test
    void aGameSessionDenyingNewPlayersRefusesReservations() {
        GameSession game = sdk.newGameSession(4);
        sdk.client.updateGameSession(request -> request.gameSessionId(game.gameSessionId())
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.DENY_ALL));

        assertError(InvalidGameSessionStatusException.class, "DENY_ALL", () -> reserve(game, "p1"));
        assertError(InvalidGameSessionStatusException.class, "DENY_ALL", () -> sdk.client.createPlayerSessions(
                request -> request.gameSessionId(game.gameSessionId()).playerIds("p1", "p2")));

        sdk.client.updateGameSession(request -> request.gameSessionId(game.gameSessionId())
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.ACCEPT_ALL));
        assertEquals("p1", reserve(game, "p1").playerId());
    }

    @Test
    void anEndedGameSessionRefusesReservationsAndUpdates() {
        GameSession game = sdk.newGameSession(4);
        sdk.agent.endGameSession(game.gameSessionId());

        assertError(InvalidGameSessionStatusException.class, "TERMINATED", () -> reserve(game, "p1"));
        assertError(InvalidGameSessionStatusException.class, "TERMINATED", () -> sdk.client.updateGameSession(
                request -> request.gameSessionId(game.gameSessionId()).name("late")));
    }

    // ---------------------------------------------------------------- IdempotentParameterMismatchException

    @Test
    void anIdempotencyTokenReusedWithOtherParametersIsAMismatch() {
        String token = "mismatch-" + UUID.randomUUID();
        sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(4).name("first").idempotencyToken(token));

        assertError(IdempotentParameterMismatchException.class, token, () -> sdk.client.createGameSession(
                request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(5).name("first")
                        .idempotencyToken(token)));
        assertError(IdempotentParameterMismatchException.class, token, () -> sdk.client.createGameSession(
                request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(4).name("second")
                        .idempotencyToken(token)));
    }

    @Test
    void aCustomGameSessionIdUsedTwiceIsAMismatch() {
        String customId = "custom-" + UUID.randomUUID();
        GameSession game = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(4).gameSessionId(customId)).gameSession();
        assertEquals(GAME_SESSION_ARN_PREFIX + customId, game.gameSessionId());

        assertError(IdempotentParameterMismatchException.class, customId, () -> sdk.client.createGameSession(
                request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(4).gameSessionId(customId)));
    }

    // ---------------------------------------------------------------- InvalidRequestException: CreateGameSession

    @Test
    void createGameSessionChecksItsMembers() {
        assertInvalid("MaximumPlayerSessionCount", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID)));
        assertInvalid("MaximumPlayerSessionCount", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(-1)));
        assertInvalid("FleetId", () -> sdk.client.createGameSession(request -> request
                .maximumPlayerSessionCount(2)));
        assertInvalid("FleetId", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).aliasId("alias-1").maximumPlayerSessionCount(2)));
        assertInvalid("FleetId", () -> sdk.client.createGameSession(request -> request
                .fleetId("my-fleet").maximumPlayerSessionCount(2)));
        assertInvalid("AliasId", () -> sdk.client.createGameSession(request -> request
                .aliasId("my-alias").maximumPlayerSessionCount(2)));
        assertInvalid("Name", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).name("n".repeat(1025))));
        assertInvalid("Name", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).name("")));
        assertInvalid("CreatorId", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).creatorId("c".repeat(1025))));
        assertInvalid("IdempotencyToken", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).idempotencyToken("t".repeat(49))));
        assertInvalid("IdempotencyToken", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).idempotencyToken("not_allowed")));
        assertInvalid("GameSessionId", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).gameSessionId("has space")));
        assertInvalid("Location", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).location("eu-west-9")));
        assertInvalid("GameSessionData", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).gameSessionData("")));
    }

    @Test
    void gamePropertiesAreCheckedAgainstTheModel() {
        List<GameProperty> seventeen = IntStream.range(0, 17)
                .mapToObj(i -> property("k" + i, "v")).toList();

        assertInvalid("GameProperties", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).gameProperties(seventeen)));
        assertInvalid("GameProperties.Key", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).gameProperties(property("k".repeat(33), "v"))));
        assertInvalid("GameProperties.Value", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(sdk.newGameSession(1).gameSessionId())
                .gameProperties(property("k", "v".repeat(97)))));
        assertInvalid("Value", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2)
                .gameProperties(GameProperty.builder().key("k").build())));
    }

    @Test
    void anUpdateThatWouldLeaveMoreThan16GamePropertiesIsInvalidAndChangesNothing() {
        List<GameProperty> ten = IntStream.range(0, 10).mapToObj(i -> property("k" + i, "v")).toList();
        List<GameProperty> sevenMore = IntStream.range(10, 17).mapToObj(i -> property("k" + i, "v")).toList();
        GameSession game = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).name("before").gameProperties(ten)).gameSession();

        assertInvalid("GameProperties", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId()).name("after").gameProperties(sevenMore)));

        GameSession now = sdk.client.describeGameSessions(request -> request.gameSessionId(game.gameSessionId()))
                .gameSessions().get(0);
        assertEquals(ten, now.gameProperties());
        assertEquals("before", now.name());
    }

    // ---------------------------------------------------------------- InvalidRequestException: the rest

    @Test
    void updateGameSessionChecksItsMembers() {
        String id = sdk.newGameSession(2).gameSessionId();

        assertInvalid("GameSessionId", () -> sdk.client.updateGameSession(request -> request.name("x")));
        assertInvalid("MaximumPlayerSessionCount", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(id).maximumPlayerSessionCount(-1)));
        assertInvalid("Name", () -> sdk.client.updateGameSession(request -> request.gameSessionId(id).name("")));
        assertInvalid("PlayerSessionCreationPolicy", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(id).playerSessionCreationPolicy("ACCEPT_SOME")));
        assertInvalid("ProtectionPolicy", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId(id).protectionPolicy("HalfProtection")));
        assertInvalid("GameSessionId", () -> sdk.client.updateGameSession(request -> request
                .gameSessionId("x".repeat(257)).name("x")));
    }

    @Test
    void aBatchOf26PlayersIsInvalidAndReservesNobody() {
        GameSession game = sdk.newGameSession(30);
        List<String> players = IntStream.range(0, 26).mapToObj(i -> "player-" + i).toList();

        assertInvalid("PlayerIds", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds(players)));

        assertEquals(List.of(), playerSessions(game));
        assertEquals(25, sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds(players.subList(0, 25))).playerSessions().size());
    }

    @Test
    void createPlayerSessionsChecksItsMembers() {
        GameSession game = sdk.newGameSession(30);

        assertInvalid("PlayerIds", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds(Collections.emptyList())));
        assertInvalid("PlayerIds", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId())));
        assertInvalid("PlayerIds", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds("p1", "")));
        assertInvalid("PlayerDataMap", () -> sdk.client.createPlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerIds("p1").playerDataMap(Map.of("p1", "d".repeat(2049)))));
        assertInvalid("GameSessionId", () -> sdk.client.createPlayerSessions(request -> request.playerIds("p1")));
        assertEquals(List.of(), playerSessions(game));
    }

    @Test
    void playerDataOf2049CharactersIsInvalid() {
        GameSession game = sdk.newGameSession(2);

        assertInvalid("PlayerData", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("p1").playerData("d".repeat(2049))));
        assertInvalid("PlayerData", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("p1").playerData("")));

        assertEquals(2048, sdk.client.createPlayerSession(request -> request.gameSessionId(game.gameSessionId())
                .playerId("p1").playerData("d".repeat(2048))).playerSession().playerData().length());
    }

    @Test
    void createPlayerSessionChecksItsMembers() {
        GameSession game = sdk.newGameSession(2);

        assertInvalid("PlayerId", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId())));
        assertInvalid("PlayerId", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("")));
        assertInvalid("PlayerId", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("p".repeat(1025))));
        assertInvalid("GameSessionId", () -> sdk.client.createPlayerSession(request -> request.playerId("p1")));
        assertInvalid("GameSessionId", () -> sdk.client.createPlayerSession(request -> request
                .gameSessionId("not an arn").playerId("p1")));
        assertEquals(0, currentPlayerSessionCount(game));
    }

    @Test
    void aBogusPlayerSessionStatusFilterIsInvalid() {
        GameSession game = sdk.newGameSession(2);

        assertInvalid("PlayerSessionStatusFilter", () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("BOGUS")));
    }

    @Test
    void describePlayerSessionsNeedsAFilter() {
        GameLiftException error = assertInvalid("GameSessionId", () -> sdk.client.describePlayerSessions(
                request -> request.limit(5)));

        assertTrue(error.awsErrorDetails().errorMessage().contains("PlayerSessionId"));
        assertTrue(error.awsErrorDetails().errorMessage().contains("PlayerId"));
    }

    @Test
    void aLimitOfZeroIsInvalid() {
        GameSession game = sdk.newGameSession(2);

        assertInvalid("Limit", () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).limit(0)));
        assertInvalid("Limit", () -> sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).limit(0)));
        assertInvalid("Limit", () -> sdk.client.describeGameSessionDetails(request -> request
                .fleetId(FLEET_ID).limit(-3)));
    }

    @Test
    void describePlayerSessionsChecksItsIds() {
        assertInvalid("PlayerSessionId", () -> sdk.client.describePlayerSessions(request -> request
                .playerSessionId("session-1")));
        assertInvalid("PlayerId", () -> sdk.client.describePlayerSessions(request -> request.playerId("")));
        assertInvalid("GameSessionId", () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId("bad id")));
    }

    @Test
    void describeGameSessionsChecksItsMembers() {
        assertInvalid("StatusFilter", () -> sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).statusFilter("RUNNING")));
        assertInvalid("FleetId", () -> sdk.client.describeGameSessions(request -> request.limit(2)));
        assertInvalid("Location", () -> sdk.client.describeGameSessionDetails(request -> request
                .fleetId(FLEET_ID).location("_local")));
    }

    @Test
    void describeGameSessionsChecksItsMembersInAnyLocation() {
        assertEquals(List.of(), sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).location("us-west-2")).gameSessions());

        assertInvalid("Limit", () -> sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).location("us-west-2").limit(0)));
        assertInvalid("NextToken", () -> sdk.client.describeGameSessionDetails(request -> request
                .fleetId(FLEET_ID).location("us-west-2").nextToken("forged")));
        assertInvalid("Location", () -> sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).location("l".repeat(65))));
        assertInvalid("Location", () -> sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(2).location("l".repeat(65))));
    }

    @Test
    void aForgedNextTokenIsInvalid() {
        GameSession game = sdk.newGameSession(5);
        GameSession other = sdk.newGameSession(5);
        for (GameSession each : List.of(game, other)) {
            sdk.client.createPlayerSessions(request -> request.gameSessionId(each.gameSessionId())
                    .playerIds("p1", "p2", "p3"));
        }
        String issued = sdk.client.describePlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).limit(1)).nextToken();
        byte[] bytes = Base64.getUrlDecoder().decode(issued);
        bytes[7] ^= 1;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

        List<String> forgeries = List.of("forged", "AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAA", tampered, issued + "x");
        for (String forged : forgeries) {
            assertInvalid("NextToken", () -> sdk.client.describePlayerSessions(request -> request
                    .gameSessionId(game.gameSessionId()).limit(1).nextToken(forged)));
        }
        // A real token, but of another query.
        assertInvalid("NextToken", () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId(other.gameSessionId()).limit(1).nextToken(issued)));
        assertInvalid("NextToken", () -> sdk.client.describePlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("ACTIVE").limit(1)
                .nextToken(issued)));
        assertInvalid("NextToken", () -> sdk.client.describeGameSessions(request -> request
                .fleetId(FLEET_ID).limit(1).nextToken(issued)));
        // The real one still works.
        assertEquals(1, sdk.client.describePlayerSessions(request -> request
                .gameSessionId(game.gameSessionId()).limit(1).nextToken(issued)).playerSessions().size());
    }

    // ---------------------------------------------------------------- outside the model

    @Test
    void anOperationTheAgentDoesNotServeIsAnUnknownOperation() {
        GameLiftException error = assertThrows(GameLiftException.class,
                () -> sdk.client.describeFleetAttributes(request -> request.fleetIds(FLEET_ID)));

        assertEquals(400, error.statusCode());
        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.awsErrorDetails().errorMessage().contains("DescribeFleetAttributes"),
                error.awsErrorDetails().errorMessage());
    }

    // ---------------------------------------------------------------- helpers

    private static PlayerSession reserve(GameSession game, String playerId) {
        return sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId(playerId)).playerSession();
    }

    private static List<PlayerSession> playerSessions(GameSession game) {
        return sdk.client.describePlayerSessions(request -> request.gameSessionId(game.gameSessionId()))
                .playerSessions();
    }

    private static int currentPlayerSessionCount(GameSession game) {
        return sdk.client.describeGameSessions(request -> request.gameSessionId(game.gameSessionId()))
                .gameSessions().get(0).currentPlayerSessionCount();
    }

    private static GameProperty property(String key, String value) {
        return GameProperty.builder().key(key).value(value).build();
    }

    private static GameLiftException assertInvalid(String member, Executable call) {
        return assertError(InvalidRequestException.class, member, call);
    }
}
