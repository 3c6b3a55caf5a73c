package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.NotFoundException;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.UpdateGameSessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RequestValidationTest {

    private final StoreFixture fixture = new StoreFixture();
    private final SessionStore store = fixture.store;
    private final GameSession game = fixture.createGameSession(30);

    @Test
    void emptyPlayerIdIsInvalid() {
        assertInvalid("PlayerId", () -> store.reservePlayerSession(game.gameSessionId(), "", null));
    }

    @Test
    void missingPlayerIdIsInvalid() {
        assertInvalid("PlayerId", () -> store.reservePlayerSession(game.gameSessionId(), null, null));
    }

    @Test
    void playerIdOf1025CharactersIsInvalid() {
        store.reservePlayerSession(game.gameSessionId(), "p".repeat(1024), null);
        assertInvalid("PlayerId", () -> store.reservePlayerSession(game.gameSessionId(), "p".repeat(1025), null));
    }

    @Test
    void playerDataOf2049CharactersIsInvalid() {
        store.reservePlayerSession(game.gameSessionId(), "player-1", "d".repeat(2048));
        assertInvalid("PlayerData", () -> store.reservePlayerSession(game.gameSessionId(), "player-2",
                "d".repeat(2049)));
    }

    @Test
    void emptyPlayerIdsAreInvalid() {
        assertInvalid("PlayerIds", () -> store.reservePlayerSessions(game.gameSessionId(), List.of(), Map.of()));
    }

    @Test
    void twentySixPlayerIdsAreInvalid() {
        List<String> ids = IntStream.range(0, 26).mapToObj(i -> "player-" + i).toList();

        assertInvalid("PlayerIds", () -> store.reservePlayerSessions(game.gameSessionId(), ids, Map.of()));
        assertEquals(25, store.reservePlayerSessions(game.gameSessionId(), ids.subList(0, 25), Map.of()).size());
    }

    @Test
    void repeatedPlayerIdsAreInvalid() {
        assertInvalid("PlayerIds", () -> store.reservePlayerSessions(game.gameSessionId(),
                List.of("player-1", "player-2", "player-1"), Map.of()));
    }

    @Test
    void overlongPlayerDataInTheMapIsInvalid() {
        assertInvalid("PlayerDataMap", () -> store.reservePlayerSessions(game.gameSessionId(),
                List.of("player-1"), Map.of("player-1", "d".repeat(2049))));
    }

    @Test
    void gameSessionIdWithABadCharacterIsInvalid() {
        assertInvalid("GameSessionId", () -> store.reservePlayerSession(game.gameSessionId() + "!", "player-1", null));
        assertInvalid("GameSessionId", () -> store.createGameSession(
                CreateGameSessionRequest.builder(4).gameSessionId("my_session").build()));
        assertInvalid("GameSessionId", () -> store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession("bad id")));
    }

    @Test
    void missingGameSessionIdIsInvalid() {
        assertInvalid("GameSessionId", () -> store.reservePlayerSession(null, "player-1", null));
        assertInvalid("GameSessionId", () -> store.updateGameSession(UpdateGameSessionRequest.builder(null).build()));
    }

    @Test
    void negativeMaximumPlayerSessionCountIsInvalid() {
        assertInvalid("MaximumPlayerSessionCount", () -> store.createGameSession(
                CreateGameSessionRequest.builder(-1).build()));
        assertInvalid("MaximumPlayerSessionCount", () -> store.updateGameSession(
                UpdateGameSessionRequest.builder(game.gameSessionId()).maximumPlayerSessionCount(-1).build()));
        assertEquals(30, store.gameSession(game.gameSessionId()).orElseThrow().maximumPlayerSessionCount());
    }

    @Test
    void limitOfZeroIsInvalid() {
        assertInvalid("Limit", () -> store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(game.gameSessionId()).withLimit(0)));
        assertInvalid("Limit", () -> store.describeGameSessions(DescribeGameSessionsRequest.all().withLimit(0)));
    }

    @Test
    void seventeenGamePropertiesAreInvalid() {
        List<GameProperty> properties = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            properties.add(new GameProperty("key" + i, "value"));
        }

        assertInvalid("GameProperties", () -> store.createGameSession(
                CreateGameSessionRequest.builder(4).gameProperties(properties).build()));
        assertInvalid("GameProperties", () -> store.updateGameSession(
                UpdateGameSessionRequest.builder(game.gameSessionId()).gameProperties(properties).build()));
        store.createGameSession(CreateGameSessionRequest.builder(4).gameProperties(properties.subList(0, 16)).build());
    }

    @Test
    void gamePropertyKeyOf33CharactersIsInvalid() {
        assertInvalid("GameProperties.Key", () -> store.createGameSession(CreateGameSessionRequest.builder(4)
                .gameProperties(List.of(new GameProperty("k".repeat(33), "value"))).build()));
        store.createGameSession(CreateGameSessionRequest.builder(4)
                .gameProperties(List.of(new GameProperty("k".repeat(32), "v".repeat(96)))).build());
        assertInvalid("GameProperties.Value", () -> store.createGameSession(CreateGameSessionRequest.builder(4)
                .gameProperties(List.of(new GameProperty("key", "v".repeat(97)))).build()));
    }

    @Test
    void describePlayerSessionsNeedsAFilter() {
        assertInvalid("GameSessionId, PlayerId or PlayerSessionId", () -> store.describePlayerSessions(
                new DescribePlayerSessionsRequest(null, null, null, PlayerSessionStatus.ACTIVE, 10, null)));
    }

    @Test
    void malformedPlayerSessionIdIsInvalid() {
        assertInvalid("PlayerSessionId", () -> store.removePlayerSession("session-1"));
        assertInvalid("PlayerSessionId", () -> store.describePlayerSessions(
                DescribePlayerSessionsRequest.byPlayerSession("session-1")));
    }

    @Test
    void invalidRequestsChangeNothing() {
        int events = fixture.events.all().size();

        assertThrows(InvalidRequestException.class, () -> store.reservePlayerSessions(game.gameSessionId(),
                List.of("player-1", ""), Map.of()));

        assertEquals(events, fixture.events.all().size());
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
    }

    @Test
    void unknownGameSessionIsNotFound() {
        String unknown = fixture.settings.gameSessionArn("gsess-" + UUID.randomUUID());

        assertNotFound(() -> store.reservePlayerSession(unknown, "player-1", null));
        assertNotFound(() -> store.endGameSession(unknown));
        assertNotFound(() -> store.activateGameSession(unknown));
        assertNotFound(() -> store.updateGameSession(UpdateGameSessionRequest.builder(unknown).name("x").build()));
        assertNotFound(() -> store.describeGameSessions(DescribeGameSessionsRequest.byGameSession(unknown)));
        assertNotFound(() -> store.describePlayerSessions(DescribePlayerSessionsRequest.byGameSession(unknown)));
        assertTrue(store.gameSession(unknown).isEmpty());
    }

    @Test
    void unknownPlayerSessionIsNotFound() {
        String unknown = "psess-" + UUID.randomUUID();

        assertNotFound(() -> store.removePlayerSession(unknown));
        assertNotFound(() -> store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayerSession(unknown)));
        assertTrue(store.playerSession(unknown).isEmpty());
    }

    private static void assertInvalid(String member, Executable request) {
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class, request);
        assertTrue(invalid.getMessage().contains(member),
                "message should name " + member + ": " + invalid.getMessage());
        assertEquals("InvalidRequestException", invalid.errorType());
    }

    private static void assertNotFound(Executable request) {
        NotFoundException notFound = assertThrows(NotFoundException.class, request);
        assertEquals("NotFoundException", notFound.errorType());
    }
}
