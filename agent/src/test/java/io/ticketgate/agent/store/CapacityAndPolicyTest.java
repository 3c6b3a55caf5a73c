package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionFullException;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.InvalidGameSessionStatusException;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.ProtectionPolicy;
import io.ticketgate.agent.UpdateGameSessionRequest;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityAndPolicyTest {

    private final StoreFixture fixture = new StoreFixture();
    private final SessionStore store = fixture.store;

    @Test
    void fullGameSessionRefusesAReservation() {
        GameSession game = fixture.createGameSession(2);
        store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        int events = fixture.events.all().size();

        GameSessionFullException full = assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-3", null));

        assertTrue(full.getMessage().contains("0 free slot(s) of 2"), full.getMessage());
        assertEquals("GameSessionFullException", full.errorType());
        assertNothingMoreReserved(game, 2, events);
        assertTrue(playersOf(game).stream().noneMatch(player -> player.playerId().equals("player-3")));
    }

    @Test
    void batchIsReservedAllOrNothing() {
        GameSession game = fixture.createGameSession(5);
        store.reservePlayerSession(game.gameSessionId(), "player-0", null);
        store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        int events = fixture.events.all().size();

        assertThrows(GameSessionFullException.class, () -> store.reservePlayerSessions(game.gameSessionId(),
                List.of("player-a", "player-b", "player-c", "player-d"), Map.of()));

        assertNothingMoreReserved(game, 2, events);
        assertEquals(List.of("player-0", "player-1"), playersOf(game).stream().map(PlayerSession::playerId).toList());
        assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer("player-a")).items().isEmpty());

        // Exactly the free slots still fit, in one batch.
        List<PlayerSession> batch = store.reservePlayerSessions(game.gameSessionId(),
                List.of("player-a", "player-b", "player-c"), Map.of("player-b", "data-b", "player-z", "ignored"));
        assertEquals(List.of("player-a", "player-b", "player-c"), batch.stream().map(PlayerSession::playerId).toList());
        assertEquals("data-b", batch.get(1).playerData());
        assertEquals(null, batch.get(0).playerData());
        assertEquals(5, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(5, store.playerSessionCount(PlayerSessionStatus.RESERVED));
    }

    @Test
    void denyAllRefusesReservations() {
        GameSession game = fixture.createGameSession(4);
        store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId())
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.DENY_ALL).build());
        int events = fixture.events.all().size();

        assertThrows(InvalidGameSessionStatusException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-1", null));

        assertNothingMoreReserved(game, 0, events);
        store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId())
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.ACCEPT_ALL).build());
        store.reservePlayerSession(game.gameSessionId(), "player-1", null);
    }

    @Test
    void denyAllLetsReservedPlayersConnect() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId())
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.DENY_ALL).build());

        assertTrue(store.connect(ticket.playerSessionId()).isAccepted());
    }

    @Test
    void activatingGameSessionAcceptsPlayersOnlyOnceActivated() {
        StoreFixture manual = new StoreFixture(StoreFixture.settings().activation(GameSessionActivation.MANUAL));
        GameSession game = manual.createGameSession(4);
        assertEquals(GameSessionStatus.ACTIVATING, game.status());
        assertEquals(List.of(GameChange.CREATED), manual.events.gameChanges(game.gameSessionId()));

        assertThrows(InvalidGameSessionStatusException.class,
                () -> manual.store.reservePlayerSession(game.gameSessionId(), "player-1", null));
        assertEquals(0, manual.store.playerSessionCount(PlayerSessionStatus.RESERVED));

        GameSession active = manual.store.activateGameSession(game.gameSessionId());

        assertEquals(GameSessionStatus.ACTIVE, active.status());
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED),
                manual.events.gameChanges(game.gameSessionId()));
        assertEquals(0, manual.store.gameSessionCount(GameSessionStatus.ACTIVATING));
        assertEquals(1, manual.store.gameSessionCount(GameSessionStatus.ACTIVE));
        PlayerSession ticket = manual.store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        assertTrue(manual.store.connect(ticket.playerSessionId()).isAccepted());
        // Activating again changes nothing.
        assertEquals(GameSessionStatus.ACTIVE, manual.store.activateGameSession(game.gameSessionId()).status());
        assertEquals(2, manual.events.gameChanges(game.gameSessionId()).size());
    }

    @Test
    void endedGameSessionCannotBeActivated() {
        StoreFixture manual = new StoreFixture(StoreFixture.settings().activation(GameSessionActivation.MANUAL));
        GameSession game = manual.createGameSession(4);
        manual.store.endGameSession(game.gameSessionId());

        assertThrows(InvalidGameSessionStatusException.class,
                () -> manual.store.activateGameSession(game.gameSessionId()));
        assertEquals(GameSessionStatus.TERMINATED,
                manual.store.gameSession(game.gameSessionId()).orElseThrow().status());
    }

    @Test
    void endedGameSessionRefusesReservations() {
        GameSession game = fixture.createGameSession(4);
        store.endGameSession(game.gameSessionId());

        assertThrows(InvalidGameSessionStatusException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-1", null));
    }

    @Test
    void timedOutAndCompletedSessionsFreeTheirSlots() {
        GameSession game = fixture.createGameSession(2);
        store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.time.advance(Duration.ofSeconds(30));
        PlayerSession connected = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        ConnectOutcome outcome = store.connect(connected.playerSessionId());
        assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-3", null));

        fixture.advanceAndMaintain(Duration.ofSeconds(31));
        store.reservePlayerSession(game.gameSessionId(), "player-3", null);
        assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-4", null));

        store.disconnect(connected.playerSessionId(), outcome.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        store.reservePlayerSession(game.gameSessionId(), "player-4", null);

        assertEquals(2, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    @Test
    void loweringTheMaximumBlocksReservationsButRemovesNobody() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession first = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession second = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        PlayerSession third = store.reservePlayerSession(game.gameSessionId(), "player-3", null);
        store.connect(first.playerSessionId());

        GameSession lowered = store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId())
                .maximumPlayerSessionCount(1).build());

        assertEquals(1, lowered.maximumPlayerSessionCount());
        assertEquals(3, lowered.currentPlayerSessionCount());
        for (PlayerSession player : List.of(first, second, third)) {
            assertTrue(store.playerSession(player.playerSessionId()).orElseThrow().status().holdsSlot());
        }
        GameSessionFullException full = assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-4", null));
        assertTrue(full.getMessage().contains("0 free slot(s) of 1"), full.getMessage());
        assertTrue(store.connect(second.playerSessionId()).isAccepted());

        store.removePlayerSession(second.playerSessionId());
        store.removePlayerSession(third.playerSessionId());
        assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-4", null));
        store.removePlayerSession(first.playerSessionId());
        store.reservePlayerSession(game.gameSessionId(), "player-4", null);
    }

    @Test
    void zeroSlotGameSessionAcceptsNobody() {
        GameSession game = fixture.createGameSession(0);

        assertThrows(GameSessionFullException.class,
                () -> store.reservePlayerSession(game.gameSessionId(), "player-1", null));
    }

    @Test
    void updateChangesOnlyTheGivenMembers() {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).name("lobby")
                .gameSessionData("map=dust").creatorId("creator-1").build());

        GameSession updated = store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId())
                .protectionPolicy(ProtectionPolicy.FullProtection).build());

        assertEquals(ProtectionPolicy.FullProtection, updated.protectionPolicy());
        assertEquals("lobby", updated.name());
        assertEquals(4, updated.maximumPlayerSessionCount());
        assertEquals(PlayerSessionCreationPolicy.ACCEPT_ALL, updated.playerSessionCreationPolicy());
        assertEquals("map=dust", updated.gameSessionData());
        assertEquals("creator-1", updated.creatorId());
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED, GameChange.UPDATED),
                fixture.events.gameChanges(game.gameSessionId()));
        assertEquals(updated, fixture.events.game(game.gameSessionId()).get(2).session());
    }

    @Test
    void endedGameSessionCannotBeUpdated() {
        GameSession game = fixture.createGameSession(4);
        GameSession ended = store.endGameSession(game.gameSessionId());

        assertThrows(InvalidGameSessionStatusException.class, () -> store.updateGameSession(
                UpdateGameSessionRequest.builder(game.gameSessionId()).maximumPlayerSessionCount(8).name("x").build()));

        assertEquals(ended, store.gameSession(game.gameSessionId()).orElseThrow());
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED, GameChange.ENDED),
                fixture.events.gameChanges(game.gameSessionId()));
    }

    @Test
    void playersOfAnEndedGameSessionCannotConnect() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.endGameSession(game.gameSessionId());

        assertEquals(ResultCode.GAME_SESSION_UNAVAILABLE, store.connect(ticket.playerSessionId()).code());
    }

    private void assertNothingMoreReserved(GameSession game, int held, int eventsBefore) {
        assertEquals(held, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(held, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(held, playersOf(game).size());
        assertEquals(eventsBefore, fixture.events.all().size());
    }

    private List<PlayerSession> playersOf(GameSession game) {
        return store.describePlayerSessions(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())).items();
    }
}
