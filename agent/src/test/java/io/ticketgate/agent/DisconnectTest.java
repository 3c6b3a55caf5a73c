package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.RecordingListener.Disconnected;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a player's connection ends, and what the game hears: one onPlayerDisconnected per
 * onPlayerAccepted, with the reason, and the session COMPLETED.
 */
@Timeout(10)
class DisconnectTest {

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game);
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void playerClosingItsConnectionCompletesTheSession() throws Exception {
        String id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
        }

        Disconnected gone = next(game.disconnected);
        assertEquals(id, gone.session().playerSessionId());
        assertEquals(DisconnectReason.CONNECTION_CLOSED, gone.reason());
        assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(id));
        assertExactlyOneDisconnectPerAdmission();
    }

    @Test
    void removingAConnectedPlayerClosesItsConnection() throws Exception {
        String id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());

            assertEquals(PlayerSessionStatus.COMPLETED, gate.agent.removePlayerSession(id).status());
            player.assertClosedByAgent();
        }

        Disconnected gone = next(game.disconnected);
        assertEquals(DisconnectReason.REMOVED, gone.reason());
        assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        assertExactlyOneDisconnectPerAdmission();
    }

    @Test
    void endingTheGameSessionClosesEveryPlayerInIt() throws Exception {
        String first = gate.reserve("player-1");
        String second = gate.reserve("player-2");
        try (PlayerSocket one = gate.open(); PlayerSocket two = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, one.connect(first).code());
            assertEquals(ResultCode.ACCEPTED, two.connect(second).code());

            gate.agent.endGameSession(gate.gameSessionId);
            one.assertClosedByAgent();
            two.assertClosedByAgent();
        }

        for (int i = 0; i < 2; i++) {
            Disconnected gone = next(game.disconnected);
            assertEquals(DisconnectReason.GAME_SESSION_ENDED, gone.reason());
            assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        }
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(first));
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(second));
        assertExactlyOneDisconnectPerAdmission();
    }

    @Test
    void playerRemovedWhileTheGameDecidesIsToldItsSessionEnded() throws Exception {
        CompletableFuture<Admission> admission = new CompletableFuture<>();
        game.admitting((session, connection) -> admission);
        String id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            player.send(new ConnectFrame(id).toBytes());
            next(game.accepted);

            gate.agent.removePlayerSession(id);
            assertEquals(ResultCode.SESSION_COMPLETED, player.readResult().code());
            player.assertClosedByAgent();
        }

        Disconnected gone = next(game.disconnected);
        assertEquals(DisconnectReason.REMOVED, gone.reason());
        assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        // The game's late yes lets nobody in.
        admission.complete(Admission.accept());
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(id));
        assertExactlyOneDisconnectPerAdmission();
    }

    @Test
    void playerWhoseGameSessionEndsWhileTheGameDecidesIsToldItIsUnavailable() throws Exception {
        game.admitting((session, connection) -> new CompletableFuture<>());
        String id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            player.send(new ConnectFrame(id).toBytes());
            next(game.accepted);

            gate.agent.endGameSession(gate.gameSessionId);
            assertEquals(ResultCode.GAME_SESSION_UNAVAILABLE, player.readResult().code());
            player.assertClosedByAgent();
        }

        assertEquals(DisconnectReason.GAME_SESSION_ENDED, next(game.disconnected).reason());
        assertExactlyOneDisconnectPerAdmission();
    }

    @Test
    void everyAdmissionIsFollowedByExactlyOneDisconnect() throws Exception {
        game.admitting((session, connection) -> session.playerId().startsWith("banned")
                ? Admission.rejected("banned")
                : Admission.accepted());
        int players = 0;
        for (int i = 0; i < 5; i++) {
            try (PlayerSocket banned = gate.open(); PlayerSocket welcome = gate.open()) {
                assertEquals(new ResultFrame(ResultCode.REJECTED_BY_GAME, "banned"),
                        banned.connect(gate.reserve("banned-" + i)));
                String id = gate.reserve("welcome-" + i);
                assertEquals(ResultCode.ACCEPTED, welcome.connect(id).code());
                if (i % 2 == 0) {
                    gate.agent.removePlayerSession(id);
                }
                players += 2;
            }
        }
        for (int i = 0; i < players; i++) {
            next(game.disconnected);
        }
        assertExactlyOneDisconnectPerAdmission();
    }

    /** Stops the agent, which drains the callbacks, then holds the game's two lists side by side. */
    private void assertExactlyOneDisconnectPerAdmission() {
        gate.close();
        game.assertOneDisconnectPerAdmission();
        assertTrue(game.disconnected.isEmpty(), "a disconnect too many: " + game.disconnected);
    }
}
