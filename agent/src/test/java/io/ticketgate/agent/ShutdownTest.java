package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.RecordingListener.Disconnected;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What players and the game see while the agent stops. */
@Timeout(10)
class ShutdownTest {

    private final RecordingListener game = new RecordingListener();
    /** Player sessions the stop completed, straight from the store, in order. */
    private final BlockingQueue<PlayerSession> stoppedSessions = new LinkedBlockingQueue<>();
    private final CountDownLatch stopHeld = new CountDownLatch(1);
    private final CountDownLatch letStopFinish = new CountDownLatch(1);
    private volatile String holdStopAt;
    private LoopbackAgent gate;

    private void start() {
        gate = LoopbackAgent.start(game, settings -> settings.observer(this::onStoreEvent));
    }

    /** Records what the stop completes; at {@link #holdStopAt} it holds the stopping thread. */
    private void onStoreEvent(SessionEvent event) {
        if (event instanceof SessionEvent.PlayerSessionChanged change
                && change.reason() == DisconnectReason.AGENT_STOPPED) {
            stoppedSessions.add(change.session());
            if (change.session().playerSessionId().equals(holdStopAt)) {
                stopHeld.countDown();
                try {
                    letStopFinish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @AfterEach
    void stop() {
        letStopFinish.countDown();
        gate.close();
    }

    @Test
    void stopClosesPlayersAndCompletesEverySession() throws Exception {
        start();
        String first = gate.reserve("player-1");
        String second = gate.reserve("player-2");
        String reserved = gate.reserve("player-3");
        try (PlayerSocket one = gate.open(); PlayerSocket two = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, one.connect(first).code());
            assertEquals(ResultCode.ACCEPTED, two.connect(second).code());

            gate.agent.stop();
            one.assertClosedByAgent();
            two.assertClosedByAgent();
        }

        Set<String> told = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Disconnected gone = next(game.disconnected);
            assertEquals(DisconnectReason.AGENT_STOPPED, gone.reason());
            assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
            told.add(gone.session().playerSessionId());
        }
        assertEquals(Set.of(first, second), told);
        Set<String> completed = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            PlayerSession session = next(stoppedSessions);
            assertEquals(PlayerSessionStatus.COMPLETED, session.status());
            completed.add(session.playerSessionId());
        }
        assertEquals(Set.of(first, second, reserved), completed);
        game.assertOneDisconnectPerAdmission();
    }

    @Test
    void playersArrivingWhileTheAgentStopsAreToldItIsShuttingDown() throws Exception {
        CompletableFuture<Admission> admission = new CompletableFuture<>();
        game.admitting((session, connection) -> admission);
        start();
        InetSocketAddress address = gate.agent.playerAddress();
        String deciding = gate.reserve("player-deciding");
        String late = gate.reserve("player-late");
        // A second game session, completed after the first one: the stop is held there, with no
        // lock held that the first game session's connections need to close.
        String laterGame = gate.agent.createGameSession(CreateGameSessionRequest.builder(1).build()).gameSessionId();
        holdStopAt = gate.agent.reservePlayerSession(laterGame, "player-elsewhere", null).playerSessionId();

        try (PlayerSocket waiting = gate.open(); PlayerSocket idle = gate.open()) {
            waiting.send(new ConnectFrame(deciding).toBytes());
            next(game.accepted);

            Thread stopper = new Thread(gate.agent::stop, "stopper");
            stopper.start();
            stopHeld.await();

            // Waiting for the game's answer when the stop came.
            assertEquals(ResultCode.SHUTTING_DOWN, waiting.readResult().code());
            waiting.assertClosedByAgent();
            // Connected before the stop, CONNECT sent during it.
            assertEquals(ResultCode.SHUTTING_DOWN, idle.connect(late).code());
            idle.assertClosedByAgent();
            // Connected during the stop.
            try (PlayerSocket newcomer = PlayerSocket.open(address)) {
                assertEquals(ResultCode.SHUTTING_DOWN, newcomer.connect(late).code());
                newcomer.assertClosedByAgent();
            }

            letStopFinish.countDown();
            stopper.join();
        }
        Disconnected gone = next(game.disconnected);
        assertEquals(deciding, gone.session().playerSessionId());
        assertEquals(DisconnectReason.AGENT_STOPPED, gone.reason());
        assertTrue(game.accepted.isEmpty(), "only the player already deciding reached the game");
        game.assertOneDisconnectPerAdmission();
    }
}
