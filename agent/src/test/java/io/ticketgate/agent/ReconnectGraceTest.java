package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.RecordingListener.Accepted;
import io.ticketgate.agent.RecordingListener.Disconnected;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A dropped player may come back to its ACTIVE session within the reconnect grace, on fake time. */
@Timeout(10)
class ReconnectGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;
    private String id;

    @BeforeEach
    void start() throws Exception {
        gate = LoopbackAgent.start(game, settings -> settings.reconnectGrace(GRACE));
        id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
            assertFalse(next(game.accepted).connection().isReconnect());
        }
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void droppedPlayerComesBackWithinTheGrace() throws Exception {
        Disconnected dropped = next(game.disconnected);
        assertEquals(DisconnectReason.CONNECTION_CLOSED, dropped.reason());
        assertEquals(PlayerSessionStatus.ACTIVE, dropped.session().status());
        assertEquals(PlayerSessionStatus.ACTIVE, gate.status(id));

        gate.time.advance(GRACE.minusSeconds(1));
        gate.agent.store().runMaintenance();
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
            Accepted back = next(game.accepted);
            assertTrue(back.connection().isReconnect());
            assertEquals(PlayerSessionStatus.ACTIVE, back.session().status());

            // Back means live again: a third connection is one too many.
            try (PlayerSocket another = gate.open()) {
                assertEquals(ResultCode.SESSION_ALREADY_ACTIVE, another.connect(id).code());
                another.assertClosedByAgent();
            }
        }
        assertEquals(PlayerSessionStatus.ACTIVE, next(game.disconnected).session().status());
        gate.close();
        game.assertOneDisconnectPerAdmission();
    }

    @Test
    void playerNotBackWithinTheGraceIsCompletedAndTheGameIsTold() throws Exception {
        next(game.disconnected);

        gate.time.advance(GRACE);
        gate.agent.store().runMaintenance();

        PlayerSession expired = next(game.graceExpired);
        assertEquals(id, expired.playerSessionId());
        assertEquals(PlayerSessionStatus.COMPLETED, expired.status());
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(id));
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.SESSION_COMPLETED, player.connect(id).code());
            player.assertClosedByAgent();
        }
    }

    @Test
    void graceIsOverEvenBeforeItsTimerRuns() throws Exception {
        next(game.disconnected);

        gate.time.advance(GRACE);
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.SESSION_COMPLETED, player.connect(id).code());
            player.assertClosedByAgent();
        }
        assertEquals(id, next(game.graceExpired).playerSessionId());
    }

    @Test
    void graceRestartsWithEachDrop() throws Exception {
        next(game.disconnected);
        gate.time.advance(GRACE.minusSeconds(1));
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
        }
        next(game.disconnected);

        // Past the first drop's deadline, within the second's.
        gate.time.advance(Duration.ofSeconds(2));
        gate.agent.store().runMaintenance();
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
        }
        assertTrue(game.graceExpired.isEmpty());
    }

    @Test
    void removedPlayerGetsNoGrace() throws Exception {
        next(game.disconnected);
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());

            gate.agent.removePlayerSession(id);
            player.assertClosedByAgent();
        }

        Disconnected removed = next(game.disconnected);
        assertEquals(DisconnectReason.REMOVED, removed.reason());
        assertEquals(PlayerSessionStatus.COMPLETED, removed.session().status());
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.SESSION_COMPLETED, player.connect(id).code());
            player.assertClosedByAgent();
        }
    }
}
