package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.NotFoundException;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Duration RETENTION = StoreFixture.RETENTION;

    @Test
    void endedSessionStaysDescribableUntilRetentionPasses() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(4);
        PlayerSession ended = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession kept = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        store.connect(kept.playerSessionId());
        store.removePlayerSession(ended.playerSessionId());

        fixture.advanceAndMaintain(RETENTION.minusSeconds(1));

        assertIndexed(store, ended, 2);
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.COMPLETED));

        fixture.advanceAndMaintain(Duration.ofSeconds(1));

        assertForgotten(store, ended);
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
        assertIndexed(store, kept, 1);
    }

    @Test
    void timedOutSessionIsForgottenAfterRetention() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.advanceAndMaintain(StoreFixture.RESERVATION_TIMEOUT);
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));

        fixture.advanceAndMaintain(RETENTION.minusSeconds(1));
        assertIndexed(store, ticket, 1);

        fixture.advanceAndMaintain(Duration.ofSeconds(1));
        assertForgotten(store, ticket);
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
    }

    @Test
    void liveSessionsAreNeverPurged() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.connect(ticket.playerSessionId());

        fixture.advanceAndMaintain(RETENTION.multipliedBy(5));

        assertIndexed(store, ticket, 1);
        assertEquals(GameSessionStatus.ACTIVE, store.gameSession(game.gameSessionId()).orElseThrow().status());
    }

    @Test
    void countBoundPurgesTheOldestEndedFirst() {
        StoreFixture fixture = new StoreFixture(StoreFixture.settings().maxRetainedPlayerSessions(3));
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(10);
        List<PlayerSession> players = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            players.add(store.reservePlayerSession(game.gameSessionId(), "player-" + i, null));
        }

        // Ended in another order than created: the bound follows the end order.
        for (int i : new int[] {3, 0, 4, 1, 2}) {
            fixture.time.advance(Duration.ofSeconds(1));
            store.removePlayerSession(players.get(i).playerSessionId());
        }

        assertForgotten(store, players.get(3));
        assertForgotten(store, players.get(0));
        List<String> remaining = store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())).items().stream()
                .map(PlayerSession::playerSessionId).toList();
        assertEquals(List.of(players.get(1).playerSessionId(), players.get(2).playerSessionId(),
                players.get(4).playerSessionId()), remaining);
        assertEquals(3, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    @Test
    void countBoundAppliesToTimeouts() {
        StoreFixture fixture = new StoreFixture(StoreFixture.settings().maxRetainedPlayerSessions(2));
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(10);
        List<PlayerSession> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            players.add(store.reservePlayerSession(game.gameSessionId(), "player-" + i, null));
            fixture.time.advance(Duration.ofSeconds(5));
        }

        fixture.advanceAndMaintain(StoreFixture.RESERVATION_TIMEOUT);

        assertForgotten(store, players.get(0));
        assertForgotten(store, players.get(1));
        assertIndexed(store, players.get(2), 2);
        assertIndexed(store, players.get(3), 2);
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
    }

    @Test
    void endedGameSessionIsPurgedWithItsPlayersAfterRetention() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession ended = fixture.createGameSession(4);
        GameSession live = fixture.createGameSession(4);
        PlayerSession active = store.reservePlayerSession(ended.gameSessionId(), "player-1", null);
        PlayerSession reserved = store.reservePlayerSession(ended.gameSessionId(), "player-2", null);
        PlayerSession elsewhere = store.reservePlayerSession(live.gameSessionId(), "player-1", null);
        store.connect(active.playerSessionId());
        store.connect(elsewhere.playerSessionId());
        store.endGameSession(ended.gameSessionId());

        fixture.advanceAndMaintain(RETENTION.minusSeconds(1));

        assertEquals(GameSessionStatus.TERMINATED, store.gameSession(ended.gameSessionId()).orElseThrow().status());
        assertEquals(2, store.describeGameSessions(DescribeGameSessionsRequest.all()).items().size());
        assertIndexed(store, active, 2);
        assertEquals(1, store.gameSessionCount(GameSessionStatus.TERMINATED));

        fixture.advanceAndMaintain(Duration.ofSeconds(1));

        assertTrue(store.gameSession(ended.gameSessionId()).isEmpty());
        assertThrows(NotFoundException.class,
                () -> store.describeGameSessions(DescribeGameSessionsRequest.byGameSession(ended.gameSessionId())));
        assertEquals(List.of(live.gameSessionId()), store.describeGameSessions(DescribeGameSessionsRequest.all())
                .items().stream().map(GameSession::gameSessionId).toList());
        assertTrue(store.playerSession(active.playerSessionId()).isEmpty());
        assertTrue(store.playerSession(reserved.playerSessionId()).isEmpty());
        assertEquals(List.of(elsewhere.playerSessionId()), store.describePlayerSessions(
                DescribePlayerSessionsRequest.byPlayer("player-1")).items().stream()
                .map(PlayerSession::playerSessionId).toList());
        assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer("player-2")).items().isEmpty());
        assertEquals(0, store.gameSessionCount(GameSessionStatus.TERMINATED));
        assertEquals(1, store.gameSessionCount(GameSessionStatus.ACTIVE));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
    }

    @Test
    void gameSessionCountBoundPurgesTheOldestEndedWithItsPlayers() {
        StoreFixture fixture = new StoreFixture(StoreFixture.settings().maxRetainedGameSessions(2));
        SessionStore store = fixture.store;
        List<GameSession> games = new ArrayList<>();
        List<PlayerSession> players = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GameSession game = fixture.createGameSession(2);
            games.add(game);
            players.add(store.reservePlayerSession(game.gameSessionId(), "player-" + i, null));
        }

        for (GameSession game : games) {
            fixture.time.advance(Duration.ofSeconds(1));
            store.endGameSession(game.gameSessionId());
        }

        assertTrue(store.gameSession(games.get(0).gameSessionId()).isEmpty());
        assertTrue(store.playerSession(players.get(0).playerSessionId()).isEmpty());
        assertTrue(store.gameSession(games.get(1).gameSessionId()).isPresent());
        assertTrue(store.gameSession(games.get(2).gameSessionId()).isPresent());
        assertEquals(2, store.gameSessionCount(GameSessionStatus.TERMINATED));
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    @Test
    void purgedCustomIdCanBeUsedAgain() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession first = store.createGameSession(
                CreateGameSessionRequest.builder(2).gameSessionId("arena-1").build());
        store.endGameSession(first.gameSessionId());
        fixture.advanceAndMaintain(RETENTION);

        GameSession again = store.createGameSession(
                CreateGameSessionRequest.builder(2).gameSessionId("arena-1").build());

        assertEquals(first.gameSessionId(), again.gameSessionId());
        assertEquals(GameSessionStatus.ACTIVE, again.status());
    }

    @Test
    void retentionStartsWhenTheSessionEnds() {
        StoreFixture fixture = new StoreFixture();
        SessionStore store = fixture.store;
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome outcome = store.connect(ticket.playerSessionId());
        fixture.advanceAndMaintain(RETENTION.multipliedBy(2));

        store.disconnect(ticket.playerSessionId(), outcome.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.advanceAndMaintain(RETENTION.minusSeconds(1));

        assertIndexed(store, ticket, 1);
    }

    /** The session can be found by id, by game session and by player id. */
    private static void assertIndexed(SessionStore store, PlayerSession ticket, int inGameSession) {
        String id = ticket.playerSessionId();
        assertTrue(store.playerSession(id).isPresent(), id);
        assertEquals(1, store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayerSession(id)).items().size());
        List<PlayerSession> inGame = store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(ticket.gameSessionId())).items();
        assertEquals(inGameSession, inGame.size());
        assertTrue(inGame.stream().anyMatch(player -> player.playerSessionId().equals(id)));
        assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer(ticket.playerId())).items()
                .stream().anyMatch(player -> player.playerSessionId().equals(id)));
    }

    /** The session is in no index any more. */
    private static void assertForgotten(SessionStore store, PlayerSession ticket) {
        String id = ticket.playerSessionId();
        assertTrue(store.playerSession(id).isEmpty(), id);
        assertThrows(NotFoundException.class,
                () -> store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayerSession(id)));
        assertThrows(NotFoundException.class, () -> store.removePlayerSession(id));
        assertEquals(ResultCode.UNKNOWN_SESSION, store.connect(id).code());
        if (store.gameSession(ticket.gameSessionId()).isPresent()) {
            assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byGameSession(ticket.gameSessionId()))
                    .items().stream().noneMatch(player -> player.playerSessionId().equals(id)));
        }
        assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer(ticket.playerId())).items()
                .stream().noneMatch(player -> player.playerSessionId().equals(id)));
    }
}
