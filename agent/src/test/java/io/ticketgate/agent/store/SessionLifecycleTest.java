package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {

    private final StoreFixture fixture = new StoreFixture();
    private final SessionStore store = fixture.store;
    private final RecordingSink events = fixture.events;

    @Test
    void reservationHoldsASlotWithEveryField() {
        GameSession game = fixture.createGameSession(4);
        fixture.time.advance(Duration.ofSeconds(3));
        Instant reservedAt = fixture.time.instant();

        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", "{\"skill\":7}");

        assertTrue(ticket.playerSessionId().startsWith("psess-"), ticket.playerSessionId());
        UUID.fromString(ticket.playerSessionId().substring("psess-".length()));
        assertEquals("player-1", ticket.playerId());
        assertEquals(game.gameSessionId(), ticket.gameSessionId());
        assertEquals(StoreFixture.FLEET_ID, ticket.fleetId());
        assertEquals(StoreFixture.FLEET_ARN, ticket.fleetArn());
        assertEquals(reservedAt, ticket.creationTime());
        assertNull(ticket.terminationTime());
        assertEquals(PlayerSessionStatus.RESERVED, ticket.status());
        assertEquals(StoreFixture.IP, ticket.ipAddress());
        assertEquals(StoreFixture.DNS, ticket.dnsName());
        assertEquals(StoreFixture.PORT, ticket.port());
        assertEquals("{\"skill\":7}", ticket.playerData());

        assertEquals(ticket, store.playerSession(ticket.playerSessionId()).orElseThrow());
        assertEquals(1, gameSession(game).currentPlayerSessionCount());
        assertEquals(List.of(PlayerChange.RESERVED), events.playerChanges(ticket.playerSessionId()));
        assertEquals(ticket, events.player(ticket.playerSessionId()).get(0).session());
    }

    @Test
    void reservationWithoutPlayerDataReportsNone() {
        GameSession game = fixture.createGameSession(4);

        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        assertNull(ticket.playerData());
    }

    @Test
    void eachReservationGetsItsOwnId() {
        GameSession game = fixture.createGameSession(4);

        PlayerSession first = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession second = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        assertFalse(first.playerSessionId().equals(second.playerSessionId()));
    }

    @Test
    void connectActivatesAReservation() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        ConnectOutcome outcome = store.connect(ticket.playerSessionId());

        assertTrue(outcome.isAccepted());
        assertEquals("", outcome.detail());
        assertFalse(outcome.reconnect());
        assertEquals(PlayerSessionStatus.ACTIVE, outcome.session().status());
        assertEquals(PlayerSessionStatus.ACTIVE, status(ticket));
        assertEquals(1, gameSession(game).currentPlayerSessionCount());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED),
                events.playerChanges(ticket.playerSessionId()));
    }

    @Test
    void closedConnectionCompletesTheSession() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome outcome = store.connect(ticket.playerSessionId());
        fixture.time.advance(Duration.ofMinutes(5));
        Instant closedAt = fixture.time.instant();

        PlayerSession after = store.disconnect(ticket.playerSessionId(), outcome.connectionId(),
                DisconnectReason.CONNECTION_CLOSED).orElseThrow();

        assertEquals(PlayerSessionStatus.COMPLETED, after.status());
        assertEquals(closedAt, after.terminationTime());
        assertEquals(after, store.playerSession(ticket.playerSessionId()).orElseThrow());
        assertEquals(0, gameSession(game).currentPlayerSessionCount());
        PlayerSessionChanged last = lastEvent(ticket);
        assertEquals(PlayerChange.COMPLETED, last.change());
        assertEquals(DisconnectReason.CONNECTION_CLOSED, last.reason());
        assertEquals(after, last.session());
    }

    @Test
    void removingAReservationCompletesIt() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        PlayerSession removed = store.removePlayerSession(ticket.playerSessionId());

        assertEquals(PlayerSessionStatus.COMPLETED, removed.status());
        assertEquals(fixture.time.instant(), removed.terminationTime());
        assertEquals(0, gameSession(game).currentPlayerSessionCount());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.COMPLETED),
                events.playerChanges(ticket.playerSessionId()));
        assertEquals(DisconnectReason.REMOVED, lastEvent(ticket).reason());
        assertEquals(ResultCode.SESSION_COMPLETED, store.connect(ticket.playerSessionId()).code());
    }

    @Test
    void removingAnActiveSessionCompletesItAsRemoved() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome outcome = store.connect(ticket.playerSessionId());

        PlayerSession removed = store.removePlayerSession(ticket.playerSessionId());

        assertEquals(PlayerSessionStatus.COMPLETED, removed.status());
        PlayerSessionChanged last = lastEvent(ticket);
        assertEquals(PlayerChange.COMPLETED, last.change());
        assertEquals(DisconnectReason.REMOVED, last.reason());
        assertEquals(removed, last.session());
        // The close of the kicked connection that follows changes nothing more.
        store.disconnect(ticket.playerSessionId(), outcome.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        assertEquals(3, events.player(ticket.playerSessionId()).size());
    }

    @Test
    void removingAnEndedSessionChangesNothing() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession removed = store.removePlayerSession(ticket.playerSessionId());
        fixture.time.advance(Duration.ofSeconds(1));

        assertEquals(removed, store.removePlayerSession(ticket.playerSessionId()));
        assertEquals(2, events.player(ticket.playerSessionId()).size());
    }

    @Test
    void endingAGameSessionCompletesItsPlayers() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession active = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        PlayerSession removedEarlier = store.reservePlayerSession(game.gameSessionId(), "player-3", null);
        store.connect(active.playerSessionId());
        store.removePlayerSession(removedEarlier.playerSessionId());
        assertEquals(2, gameSession(game).currentPlayerSessionCount());
        fixture.time.advance(Duration.ofSeconds(30));
        Instant endedAt = fixture.time.instant();

        GameSession ended = store.endGameSession(game.gameSessionId());

        assertEquals(GameSessionStatus.TERMINATED, ended.status());
        assertEquals(endedAt, ended.terminationTime());
        assertEquals(0, ended.currentPlayerSessionCount());
        assertEquals(ended, gameSession(game));
        for (PlayerSession player : List.of(reserved, active)) {
            PlayerSessionChanged last = lastEvent(player);
            assertEquals(PlayerChange.COMPLETED, last.change());
            assertEquals(DisconnectReason.GAME_SESSION_ENDED, last.reason());
            assertEquals(PlayerSessionStatus.COMPLETED, status(player));
            assertEquals(endedAt, store.playerSession(player.playerSessionId()).orElseThrow().terminationTime());
        }
        // Already ended before: untouched.
        assertEquals(DisconnectReason.REMOVED, lastEvent(removedEarlier).reason());
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED, GameChange.ENDED),
                events.gameChanges(game.gameSessionId()));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
        assertEquals(3, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    @Test
    void endingAnEndedGameSessionChangesNothing() {
        GameSession game = fixture.createGameSession(4);
        GameSession ended = store.endGameSession(game.gameSessionId());
        fixture.time.advance(Duration.ofSeconds(1));

        assertEquals(ended, store.endGameSession(game.gameSessionId()));
        assertEquals(List.of(GameChange.CREATED, GameChange.ACTIVATED, GameChange.ENDED),
                events.gameChanges(game.gameSessionId()));
        assertEquals(1, store.gameSessionCount(GameSessionStatus.TERMINATED));
    }

    @Test
    void completeAllEndsEverySessionThatHoldsASlot() {
        GameSession first = fixture.createGameSession(4);
        GameSession second = fixture.createGameSession(4);
        PlayerSession reserved = store.reservePlayerSession(first.gameSessionId(), "player-1", null);
        PlayerSession active = store.reservePlayerSession(second.gameSessionId(), "player-2", null);
        store.connect(active.playerSessionId());

        store.completeAll(DisconnectReason.AGENT_STOPPED);

        assertEquals(PlayerSessionStatus.COMPLETED, status(reserved));
        assertEquals(PlayerSessionStatus.COMPLETED, status(active));
        assertEquals(DisconnectReason.AGENT_STOPPED, lastEvent(reserved).reason());
        assertEquals(DisconnectReason.AGENT_STOPPED, lastEvent(active).reason());
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    // ---------------------------------------------------------------- connect result codes

    @Test
    void connectWithAnUnknownIdIsRefused() {
        ConnectOutcome outcome = store.connect("psess-" + UUID.randomUUID());

        assertEquals(ResultCode.UNKNOWN_SESSION, outcome.code());
        assertNull(outcome.session());
        assertTrue(events.all().isEmpty());
    }

    @Test
    void connectAfterTheReservationTimedOutIsRefused() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.advanceAndMaintain(Duration.ofSeconds(61));

        ConnectOutcome outcome = store.connect(ticket.playerSessionId());

        assertEquals(ResultCode.SESSION_TIMED_OUT, outcome.code());
        assertEquals(PlayerSessionStatus.TIMEDOUT, outcome.session().status());
    }

    @Test
    void secondConnectWhileConnectedIsRefused() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());

        ConnectOutcome second = store.connect(ticket.playerSessionId());

        assertTrue(first.isAccepted());
        assertEquals(ResultCode.SESSION_ALREADY_ACTIVE, second.code());
        assertEquals(PlayerSessionStatus.ACTIVE, second.session().status());
        // The first connection is still the session's: its close ends the session.
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        assertEquals(PlayerSessionStatus.COMPLETED, status(ticket));
    }

    @Test
    void connectToACompletedSessionIsRefused() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);

        ConnectOutcome again = store.connect(ticket.playerSessionId());

        assertEquals(ResultCode.SESSION_COMPLETED, again.code());
        assertEquals(PlayerSessionStatus.COMPLETED, again.session().status());
    }

    @Test
    void connectToAnEndedGameSessionIsRefused() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.endGameSession(game.gameSessionId());

        ConnectOutcome outcome = store.connect(ticket.playerSessionId());

        assertEquals(ResultCode.GAME_SESSION_UNAVAILABLE, outcome.code());
        assertFalse(outcome.isAccepted());
    }

    @Test
    void refusedConnectsPublishNothing() {
        GameSession game = fixture.createGameSession(4);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.connect(ticket.playerSessionId());
        int before = events.all().size();

        store.connect(ticket.playerSessionId());
        store.connect("psess-" + UUID.randomUUID());

        assertEquals(before, events.all().size());
    }

    @Test
    void disconnectOfAnUnknownSessionReportsNothing() {
        assertTrue(store.disconnect("psess-" + UUID.randomUUID(), 1, DisconnectReason.CONNECTION_CLOSED).isEmpty());
    }

    private GameSession gameSession(GameSession game) {
        return store.gameSession(game.gameSessionId()).orElseThrow();
    }

    private PlayerSessionStatus status(PlayerSession ticket) {
        return store.playerSession(ticket.playerSessionId()).orElseThrow().status();
    }

    private PlayerSessionChanged lastEvent(PlayerSession ticket) {
        List<PlayerSessionChanged> changes = events.player(ticket.playerSessionId());
        return changes.get(changes.size() - 1);
    }
}
