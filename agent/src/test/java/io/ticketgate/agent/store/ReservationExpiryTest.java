package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

class ReservationExpiryTest {

    private final StoreFixture fixture = new StoreFixture();
    private final SessionStore store = fixture.store;
    private final RecordingSink events = fixture.events;

    @Test
    void reservationIsKeptUntilItsDeadline() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        fixture.advanceAndMaintain(Duration.ofSeconds(59));

        PlayerSession after = store.playerSession(ticket.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.RESERVED, after.status());
        assertNull(after.terminationTime());
        assertEquals(1, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(List.of(PlayerChange.RESERVED), events.playerChanges(ticket.playerSessionId()));
    }

    @Test
    void reservationTimesOutOnceItsDeadlinePasses() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.advanceAndMaintain(Duration.ofSeconds(59));

        fixture.time.advance(Duration.ofSeconds(2));
        store.runMaintenance();
        store.runMaintenance();

        PlayerSession after = store.playerSession(ticket.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.TIMEDOUT, after.status());
        // It timed out at its deadline, not when maintenance noticed, a second later.
        assertEquals(ticket.creationTime().plus(StoreFixture.RESERVATION_TIMEOUT), after.terminationTime());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.TIMED_OUT),
                events.playerChanges(ticket.playerSessionId()));
        PlayerSessionChanged timedOut = events.player(ticket.playerSessionId()).get(1);
        assertEquals(after, timedOut.session());
        assertNull(timedOut.reason());
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
        // The freed slot takes a new reservation.
        store.reservePlayerSession(game.gameSessionId(), "player-2", null);
    }

    @Test
    void reservationTimesOutAtExactlyItsDeadline() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);

        fixture.advanceAndMaintain(StoreFixture.RESERVATION_TIMEOUT);

        assertEquals(PlayerSessionStatus.TIMEDOUT,
                store.playerSession(ticket.playerSessionId()).orElseThrow().status());
    }

    @Test
    void expiredReservationIsRejectedEvenBeforeMaintenanceRan() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.time.advance(Duration.ofSeconds(61));

        ConnectOutcome outcome = store.connect(ticket.playerSessionId());

        assertEquals(ResultCode.SESSION_TIMED_OUT, outcome.code());
        assertEquals(PlayerSessionStatus.TIMEDOUT, outcome.session().status());
        assertEquals(ticket.creationTime().plus(StoreFixture.RESERVATION_TIMEOUT), outcome.session().terminationTime());
        assertOneTimeout(ticket);

        fixture.advanceAndMaintain(Duration.ofSeconds(5));

        assertOneTimeout(ticket);
        assertEquals(ResultCode.SESSION_TIMED_OUT, store.connect(ticket.playerSessionId()).code());
        assertOneTimeout(ticket);
    }

    @Test
    void connectInTimeCancelsTheDeadline() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.time.advance(Duration.ofSeconds(59));
        store.connect(ticket.playerSessionId());

        fixture.advanceAndMaintain(Duration.ofMinutes(5));

        assertEquals(PlayerSessionStatus.ACTIVE, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED),
                events.playerChanges(ticket.playerSessionId()));
    }

    @Test
    void removalAfterTheDeadlineEndsTheSessionOnce() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.time.advance(Duration.ofSeconds(61));

        PlayerSession removed = store.removePlayerSession(ticket.playerSessionId());
        fixture.advanceAndMaintain(Duration.ofSeconds(5));

        List<PlayerSessionChanged> changes = events.player(ticket.playerSessionId());
        assertEquals(2, changes.size(), changes.toString());
        assertEquals(removed, changes.get(1).session());
        assertEquals(removed, store.playerSession(ticket.playerSessionId()).orElseThrow());
        assertEquals(1, store.playerSessionCount(removed.status()));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void endingTheGameAfterADeadlineEndsEachSessionOnce() {
        GameSession game = fixture.createGameSession(3);
        PlayerSession first = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession second = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        fixture.time.advance(Duration.ofSeconds(61));

        store.endGameSession(game.gameSessionId());
        fixture.advanceAndMaintain(Duration.ofSeconds(5));

        for (PlayerSession ticket : List.of(first, second)) {
            List<PlayerSessionChanged> changes = events.player(ticket.playerSessionId());
            assertEquals(2, changes.size(), changes.toString());
            assertEquals(store.playerSession(ticket.playerSessionId()).orElseThrow(), changes.get(1).session());
        }
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.COMPLETED)
                + store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void eachReservationKeepsItsOwnDeadline() {
        GameSession game = fixture.createGameSession(2);
        PlayerSession early = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.advanceAndMaintain(Duration.ofSeconds(30));
        PlayerSession late = store.reservePlayerSession(game.gameSessionId(), "player-2", null);

        fixture.advanceAndMaintain(Duration.ofSeconds(31));

        assertEquals(PlayerSessionStatus.TIMEDOUT, store.playerSession(early.playerSessionId()).orElseThrow().status());
        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(late.playerSessionId()).orElseThrow().status());

        fixture.advanceAndMaintain(Duration.ofSeconds(30));

        assertEquals(PlayerSessionStatus.TIMEDOUT, store.playerSession(late.playerSessionId()).orElseThrow().status());
        assertEquals(2, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
    }

    private void assertOneTimeout(PlayerSession ticket) {
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.TIMED_OUT),
                events.playerChanges(ticket.playerSessionId()));
        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.RESERVED));
        assertEquals(1, store.playerSessionCount(PlayerSessionStatus.TIMEDOUT));
        assertEquals(0, store.gameSession(ticket.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void releasedClaimKeepsItsOriginalDeadline() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        fixture.time.advance(Duration.ofSeconds(50));
        ConnectOutcome claim = store.connect(ticket.playerSessionId());

        store.disconnect(ticket.playerSessionId(), claim.connectionId(), DisconnectReason.ADMISSION_TIMED_OUT);

        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        fixture.advanceAndMaintain(Duration.ofSeconds(9));
        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        fixture.advanceAndMaintain(Duration.ofSeconds(1));
        assertEquals(PlayerSessionStatus.TIMEDOUT, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        assertEquals(List.of(PlayerChange.RESERVED, PlayerChange.ACTIVATED, PlayerChange.RELEASED, PlayerChange.TIMED_OUT),
                events.playerChanges(ticket.playerSessionId()));
    }

    @Test
    void claimReleasedAfterItsDeadlineTimesOut() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome claim = store.connect(ticket.playerSessionId());
        fixture.time.advance(Duration.ofSeconds(61));

        store.disconnect(ticket.playerSessionId(), claim.connectionId(), DisconnectReason.ADMISSION_TIMED_OUT);

        assertEquals(PlayerSessionStatus.TIMEDOUT, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        assertEquals(0, store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void anUnreachableGameServerAfterTheClaimLeavesTheReservationUsable() {
        GameSession game = fixture.createGameSession(1);
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        ConnectOutcome claim = store.connect(ticket.playerSessionId());

        store.disconnect(ticket.playerSessionId(), claim.connectionId(), DisconnectReason.UPSTREAM_UNAVAILABLE);

        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(ticket.playerSessionId()).orElseThrow().status());
        assertEquals(ResultCode.ACCEPTED, store.connect(ticket.playerSessionId()).code());
    }
}
