package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final StoreFixture fixture = new StoreFixture(StoreFixture.settings().reconnectGrace(GRACE));
    private final SessionStore store = fixture.store;
    private final RecordingSink events = fixture.events;
    private final GameSession game = fixture.createGameSession(2);

    @Test
    void droppedConnectionKeepsTheSessionActive() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());

        PlayerSession after = store.disconnect(ticket.playerSessionId(), first.connectionId(),
                DisconnectReason.CONNECTION_CLOSED).orElseThrow();

        assertEquals(PlayerSessionStatus.ACTIVE, after.status());
        assertNull(after.terminationTime());
        assertEquals(1, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        PlayerSessionChanged dropped = lastEvent(ticket);
        assertEquals(PlayerChange.DISCONNECTED, dropped.change());
        assertEquals(DisconnectReason.CONNECTION_CLOSED, dropped.reason());
        assertEquals(after, dropped.session());
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
    }

    @Test
    void reconnectWithinGraceIsAccepted() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.advanceAndMaintain(GRACE.minusSeconds(1));

        ConnectOutcome again = store.connect(ticket.playerSessionId());

        assertTrue(again.isAccepted());
        assertTrue(again.reconnect());
        assertNotEquals(first.connectionId(), again.connectionId());
        assertEquals(PlayerSessionStatus.ACTIVE, again.session().status());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.DISCONNECTED,
                PlayerChange.RECONNECTED), events.playerChanges(ticket.playerSessionId()));
        assertNull(lastEvent(ticket).reason());
    }

    @Test
    void reconnectCancelsTheGraceDeadline() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.time.advance(Duration.ofSeconds(10));
        store.connect(ticket.playerSessionId());

        fixture.advanceAndMaintain(GRACE.multipliedBy(3));

        assertEquals(PlayerSessionStatus.ACTIVE, status(ticket));
        assertEquals(PlayerChange.RECONNECTED, lastEvent(ticket).change());
    }

    @Test
    void secondConnectDuringAReconnectIsRefused() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        store.connect(ticket.playerSessionId());

        assertEquals(ResultCode.SESSION_ALREADY_ACTIVE, store.connect(ticket.playerSessionId()).code());
    }

    @Test
    void staleDisconnectChangesNothing() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        // A second close of the dropped connection, while the session waits in its grace.
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        ConnectOutcome second = store.connect(ticket.playerSessionId());
        int before = events.all().size();

        // The late close of the first connection, after the player came back on a second one.
        PlayerSession after = store.disconnect(ticket.playerSessionId(), first.connectionId(),
                DisconnectReason.CONNECTION_CLOSED).orElseThrow();

        assertEquals(PlayerSessionStatus.ACTIVE, after.status());
        assertEquals(before, events.all().size());
        assertEquals(4, events.player(ticket.playerSessionId()).size());
        assertEquals(ResultCode.SESSION_ALREADY_ACTIVE, store.connect(ticket.playerSessionId()).code());
        // The current connection's close still counts.
        store.disconnect(ticket.playerSessionId(), second.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        assertEquals(PlayerChange.DISCONNECTED, lastEvent(ticket).change());
    }

    @Test
    void graceExpiryCompletesTheSession() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.advanceAndMaintain(GRACE.minusSeconds(1));
        assertEquals(PlayerSessionStatus.ACTIVE, status(ticket));

        fixture.time.advance(Duration.ofSeconds(2));
        Instant expiredAt = fixture.time.instant();
        store.runMaintenance();

        PlayerSession after = store.playerSession(ticket.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.COMPLETED, after.status());
        assertEquals(expiredAt, after.terminationTime());
        PlayerSessionChanged expired = lastEvent(ticket);
        assertEquals(PlayerChange.GRACE_EXPIRED, expired.change());
        assertEquals(DisconnectReason.CONNECTION_CLOSED, expired.reason());
        assertEquals(after, expired.session());
        assertEquals(4, events.player(ticket.playerSessionId()).size());
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        assertEquals(ResultCode.SESSION_COMPLETED, store.connect(ticket.playerSessionId()).code());
    }

    @Test
    void reconnectAfterGraceIsRefusedEvenBeforeMaintenanceRan() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.time.advance(GRACE);

        ConnectOutcome late = store.connect(ticket.playerSessionId());
        fixture.advanceAndMaintain(Duration.ofSeconds(5));

        assertEquals(ResultCode.SESSION_COMPLETED, late.code());
        assertEquals(PlayerSessionStatus.COMPLETED, late.session().status());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.DISCONNECTED,
                PlayerChange.GRACE_EXPIRED), events.playerChanges(ticket.playerSessionId()));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.ACTIVE));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void everyDropStartsAFreshGrace() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);
        fixture.advanceAndMaintain(GRACE.minusSeconds(1));
        ConnectOutcome second = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), second.connectionId(), DisconnectReason.CONNECTION_CLOSED);

        fixture.advanceAndMaintain(GRACE.minusSeconds(1));
        assertEquals(PlayerSessionStatus.ACTIVE, status(ticket));

        fixture.advanceAndMaintain(Duration.ofSeconds(2));
        assertEquals(PlayerSessionStatus.COMPLETED, status(ticket));
        assertEquals(PlayerChange.GRACE_EXPIRED, lastEvent(ticket).change());
    }

    @Test
    void rejectionByTheGameCompletesAtOnceDespiteGrace() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());

        PlayerSession after = store.disconnect(ticket.playerSessionId(), first.connectionId(),
                DisconnectReason.REJECTED_BY_GAME).orElseThrow();

        assertEquals(PlayerSessionStatus.COMPLETED, after.status());
        PlayerSessionChanged completed = lastEvent(ticket);
        assertEquals(PlayerChange.COMPLETED, completed.change());
        assertEquals(DisconnectReason.REJECTED_BY_GAME, completed.reason());
        assertEquals(ResultCode.SESSION_COMPLETED, store.connect(ticket.playerSessionId()).code());
    }

    @Test
    void removalDuringGraceCompletesOnce() {
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome first = store.connect(ticket.playerSessionId());
        store.disconnect(ticket.playerSessionId(), first.connectionId(), DisconnectReason.CONNECTION_CLOSED);

        store.removePlayerSession(ticket.playerSessionId());
        fixture.advanceAndMaintain(GRACE.multipliedBy(2));

        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.DISCONNECTED,
                PlayerChange.COMPLETED), events.playerChanges(ticket.playerSessionId()));
        assertEquals(DisconnectReason.REMOVED, lastEvent(ticket).reason());
    }

    @Test
    void withoutGraceADroppedConnectionCompletesAtOnce() {
        StoreFixture noGrace = new StoreFixture(StoreFixture.settings().reconnectGrace(Duration.ZERO));
        GameSession other = noGrace.createGameSession(2);
        PlayerSession ticket = noGrace.store.reservePlayerSession(other.gameSessionId(), "player-1", null);
        ConnectOutcome first = noGrace.store.connect(ticket.playerSessionId());

        PlayerSession after = noGrace.store.disconnect(ticket.playerSessionId(), first.connectionId(),
                DisconnectReason.CONNECTION_CLOSED).orElseThrow();

        assertEquals(PlayerSessionStatus.COMPLETED, after.status());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.COMPLETED),
                noGrace.events.playerChanges(ticket.playerSessionId()));
        assertEquals(ResultCode.SESSION_COMPLETED, noGrace.store.connect(ticket.playerSessionId()).code());
    }

    private PlayerSessionStatus status(PlayerSession ticket) {
        return store.playerSession(ticket.playerSessionId()).orElseThrow().status();
    }

    private PlayerSessionChanged lastEvent(PlayerSession ticket) {
        List<PlayerSessionChanged> changes = events.player(ticket.playerSessionId());
        return changes.get(changes.size() - 1);
    }
}
