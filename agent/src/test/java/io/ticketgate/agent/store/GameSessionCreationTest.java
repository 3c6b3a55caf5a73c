package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.IdempotentParameterMismatchException;
import io.ticketgate.agent.LimitExceededException;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.ProtectionPolicy;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GameSessionCreationTest {

    private static final String ARN_PREFIX = "arn:aws:gamelift:" + StoreFixture.REGION + "::gamesession/"
            + StoreFixture.FLEET_ID + "/";

    private final StoreFixture fixture = new StoreFixture(StoreFixture.settings().maxLiveGameSessions(3));
    private final SessionStore store = fixture.store;

    @Test
    void newGameSessionIsActiveWithEveryField() {
        fixture.time.advance(Duration.ofSeconds(9));
        Instant createdAt = fixture.time.instant();
        List<GameProperty> properties = List.of(new GameProperty("mode", "ctf"), new GameProperty("map", "dust"));

        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(8).name("lobby")
                .gameProperties(properties).gameSessionData("{\"seed\":42}").creatorId("creator-1").build());

        assertTrue(Pattern.matches(Pattern.quote(ARN_PREFIX) + "gsess-[0-9a-f-]{36}", game.gameSessionId()),
                game.gameSessionId());
        assertEquals("lobby", game.name());
        assertEquals(StoreFixture.FLEET_ID, game.fleetId());
        assertEquals(StoreFixture.FLEET_ARN, game.fleetArn());
        assertEquals(createdAt, game.creationTime());
        assertNull(game.terminationTime());
        assertEquals(0, game.currentPlayerSessionCount());
        assertEquals(8, game.maximumPlayerSessionCount());
        assertEquals(GameSessionStatus.ACTIVE, game.status());
        assertEquals(PlayerSessionCreationPolicy.ACCEPT_ALL, game.playerSessionCreationPolicy());
        assertEquals(ProtectionPolicy.NoProtection, game.protectionPolicy());
        assertEquals(StoreFixture.IP, game.ipAddress());
        assertEquals(StoreFixture.DNS, game.dnsName());
        assertEquals(StoreFixture.PORT, game.port());
        assertEquals(properties, game.gameProperties());
        assertEquals("{\"seed\":42}", game.gameSessionData());
        assertEquals("creator-1", game.creatorId());
        assertEquals(game, store.gameSession(game.gameSessionId()).orElseThrow());
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED),
                fixture.events.gameChanges(game.gameSessionId()));
        assertEquals(GameSessionStatus.ACTIVATING, fixture.events.game(game.gameSessionId()).get(0).session().status());
        assertEquals(game, fixture.events.game(game.gameSessionId()).get(1).session());
    }

    @Test
    void gameSessionArnEndsWithTheIdempotencyToken() {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4)
                .idempotencyToken("match-7f3a").build());

        assertEquals("arn:aws:gamelift:eu-west-1::gamesession/" + StoreFixture.FLEET_ID + "/match-7f3a",
                game.gameSessionId());
    }

    @Test
    void gameSessionArnEndsWithTheCustomId() {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4)
                .gameSessionId("custom-1").build());

        assertEquals(ARN_PREFIX + "custom-1", game.gameSessionId());
    }

    @Test
    void retryWithTheSameTokenReturnsTheSameGameSession() {
        CreateGameSessionRequest request = CreateGameSessionRequest.builder(4).name("lobby")
                .idempotencyToken("match-1").build();
        GameSession first = store.createGameSession(request);
        fixture.time.advance(Duration.ofSeconds(5));

        GameSession retry = store.createGameSession(CreateGameSessionRequest.builder(4).name("lobby")
                .idempotencyToken("match-1").build());

        assertEquals(first, retry);
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED),
                fixture.events.gameChanges(first.gameSessionId()));
        assertEquals(1, store.gameSessionCount(GameSessionStatus.ACTIVE));
        assertEquals(1, store.describeGameSessions(DescribeGameSessionsRequest.all()).items().size());
    }

    @Test
    void retryReturnsTheCurrentStateOfTheGameSession() {
        CreateGameSessionRequest request = CreateGameSessionRequest.builder(4).idempotencyToken("match-1").build();
        GameSession first = store.createGameSession(request);
        store.reservePlayerSession(first.gameSessionId(), "player-1", null);

        assertEquals(1, store.createGameSession(request).currentPlayerSessionCount());
    }

    @Test
    void sameTokenWithOtherParametersIsAMismatch() {
        store.createGameSession(CreateGameSessionRequest.builder(4).idempotencyToken("match-1").build());

        IdempotentParameterMismatchException mismatch = assertThrows(IdempotentParameterMismatchException.class,
                () -> store.createGameSession(CreateGameSessionRequest.builder(5).idempotencyToken("match-1").build()));

        assertTrue(mismatch.getMessage().contains("match-1"), mismatch.getMessage());
        assertEquals("IdempotentParameterMismatchException", mismatch.errorType());
        assertEquals(1, store.gameSessionCount(GameSessionStatus.ACTIVE));
        assertEquals(4, store.gameSession(ARN_PREFIX + "match-1").orElseThrow().maximumPlayerSessionCount());
    }

    @Test
    void reusedCustomGameSessionIdIsAMismatch() {
        CreateGameSessionRequest request = CreateGameSessionRequest.builder(4).gameSessionId("custom-1").build();
        GameSession first = store.createGameSession(request);

        assertThrows(IdempotentParameterMismatchException.class, () -> store.createGameSession(request));

        assertEquals(first, store.gameSession(first.gameSessionId()).orElseThrow());
        assertEquals(2, fixture.events.all().size());
    }

    @Test
    void tokenClashingWithACustomIdIsAMismatch() {
        store.createGameSession(CreateGameSessionRequest.builder(4).gameSessionId("shared-1").build());

        assertThrows(IdempotentParameterMismatchException.class, () -> store.createGameSession(
                CreateGameSessionRequest.builder(4).idempotencyToken("shared-1").build()));
    }

    @Test
    void liveGameSessionLimitIsEnforced() {
        GameSession first = fixture.createGameSession(1);
        fixture.createGameSession(1);
        fixture.createGameSession(1);

        LimitExceededException limit = assertThrows(LimitExceededException.class, () -> fixture.createGameSession(1));

        assertEquals("LimitExceededException", limit.errorType());
        assertEquals(3, store.gameSessionCount(GameSessionStatus.ACTIVE));
        assertEquals(3, store.describeGameSessions(DescribeGameSessionsRequest.all()).items().size());

        store.endGameSession(first.gameSessionId());
        GameSession fourth = fixture.createGameSession(1);

        assertEquals(GameSessionStatus.ACTIVE, fourth.status());
        assertThrows(LimitExceededException.class, () -> fixture.createGameSession(1));
        assertEquals(3, store.gameSessionCount(GameSessionStatus.ACTIVE));
        assertEquals(1, store.gameSessionCount(GameSessionStatus.TERMINATED));
    }

    @Test
    void retryAtTheLimitStillReturnsTheGameSession() {
        CreateGameSessionRequest request = CreateGameSessionRequest.builder(4).idempotencyToken("match-1").build();
        GameSession first = store.createGameSession(request);
        fixture.createGameSession(1);
        fixture.createGameSession(1);

        assertEquals(first, store.createGameSession(request));
    }

    @Test
    void generatedIdsAreUnique() {
        GameSession first = fixture.createGameSession(1);
        GameSession second = fixture.createGameSession(1);

        assertNotEquals(first.gameSessionId(), second.gameSessionId());
        UUID.fromString(first.gameSessionId().substring((ARN_PREFIX + "gsess-").length()));
    }
}
