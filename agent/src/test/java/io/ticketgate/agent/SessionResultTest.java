package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the agent answers to a well-formed CONNECT, depending on the player session's state. */
@Timeout(10)
class SessionResultTest {

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;
    private String playerSessionId;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game);
        playerSessionId = gate.reserve("player-1");
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void unknownSessionIsRefused() throws Exception {
        assertRefused(ResultCode.UNKNOWN_SESSION, "psess-00000000-0000-0000-0000-000000000000");
        assertRefused(ResultCode.UNKNOWN_SESSION, "not even shaped like an id");
    }

    @Test
    void expiredReservationIsRefusedAndTheGameIsTold() throws Exception {
        gate.time.advance(Duration.ofSeconds(61));
        gate.agent.store().runMaintenance();

        PlayerSession timedOut = RecordingListener.next(game.reservationsTimedOut);
        assertEquals(playerSessionId, timedOut.playerSessionId());
        assertEquals(PlayerSessionStatus.TIMEDOUT, timedOut.status());
        assertRefused(ResultCode.SESSION_TIMED_OUT, playerSessionId);
        assertEquals(PlayerSessionStatus.TIMEDOUT, gate.status(playerSessionId));
    }

    @Test
    void reservationPastItsDeadlineIsRefusedBeforeItsTimerRuns() throws Exception {
        gate.time.advance(Duration.ofSeconds(60));

        assertRefused(ResultCode.SESSION_TIMED_OUT, playerSessionId);
        assertEquals(playerSessionId, RecordingListener.next(game.reservationsTimedOut).playerSessionId());
    }

    @Test
    void reservationJustBeforeItsDeadlineIsAccepted() throws Exception {
        gate.time.advance(Duration.ofSeconds(60).minusNanos(1));
        gate.agent.store().runMaintenance();

        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(playerSessionId).code());
        }
    }

    @Test
    void secondConnectionOfALiveSessionIsRefused() throws Exception {
        try (PlayerSocket first = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, first.connect(playerSessionId).code());

            assertRefused(ResultCode.SESSION_ALREADY_ACTIVE, playerSessionId);
        }
        // The refused second connection did not end the session of the first.
        RecordingListener.Disconnected gone = RecordingListener.next(game.disconnected);
        assertEquals(DisconnectReason.CONNECTION_CLOSED, gone.reason());
        assertEquals(1, game.accepted.size());
    }

    @Test
    void sessionEndedByADisconnectIsRefused() throws Exception {
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(playerSessionId).code());
        }
        assertEquals(PlayerSessionStatus.COMPLETED, RecordingListener.next(game.disconnected).session().status());

        assertRefused(ResultCode.SESSION_COMPLETED, playerSessionId);
    }

    @Test
    void removedReservationIsRefused() throws Exception {
        gate.agent.removePlayerSession(playerSessionId);

        assertRefused(ResultCode.SESSION_COMPLETED, playerSessionId);
    }

    @Test
    void reservationInAnEndedGameSessionIsRefused() throws Exception {
        gate.agent.endGameSession(gate.gameSessionId);

        assertRefused(ResultCode.GAME_SESSION_UNAVAILABLE, playerSessionId);
    }

    private void assertRefused(ResultCode code, String id) throws Exception {
        int acceptedBefore = game.accepted.size();
        try (PlayerSocket player = gate.open()) {
            ResultFrame result = player.connect(id);

            assertEquals(code, result.code(), result.detail());
            assertFalse(result.detail().isEmpty(), "a refusal says why");
            player.assertClosedByAgent();
        }
        assertEquals(acceptedBefore, game.accepted.size(), "a refused CONNECT must never reach the game");
    }
}
