package io.ticketgate.agent;

import static io.ticketgate.agent.RecordingListener.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.RecordingListener.Disconnected;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The game's answer to a player, and what a slow, failing or overloaded game or agent does to
 * the player: REJECTED_BY_GAME and BUSY, and never a wedged agent.
 */
@Timeout(10)
class AdmissionTest {

    private final RecordingListener game = new RecordingListener();
    /** COMPLETED changes straight from the store, for sessions whose game callbacks are stuck. */
    private final BlockingQueue<SessionEvent.PlayerSessionChanged> completed = new LinkedBlockingQueue<>();
    private final BlockingQueue<SessionEvent.PlayerSessionChanged> released = new LinkedBlockingQueue<>();
    private final CountDownLatch releaseStuckCallback = new CountDownLatch(1);
    private LoopbackAgent gate;

    private void start(UnaryOperator<TicketgateAgent.Builder> settings) {
        start(game, settings);
    }

    private void start(TicketgateListener listener, UnaryOperator<TicketgateAgent.Builder> settings) {
        gate = LoopbackAgent.start(listener, builder -> settings.apply(builder.observer(event -> {
            if (event instanceof SessionEvent.PlayerSessionChanged change
                    && change.session().status() == PlayerSessionStatus.COMPLETED) {
                completed.add(change);
            }
            if (event instanceof SessionEvent.PlayerSessionChanged change
                    && change.change() == SessionEvent.PlayerChange.RELEASED) {
                released.add(change);
            }
        })));
    }

    @AfterEach
    void stop() {
        releaseStuckCallback.countDown();
        if (gate != null) {
            gate.close();
        }
    }

    @Test
    void acceptedIsACompletedStageOfAccept() {
        assertSame(Admission.accept(), Admission.accepted().toCompletableFuture().getNow(null));
    }

    @Test
    void rejectedIsACompletedStageOfRejectWithItsReason() {
        Admission answer = Admission.rejected("banned").toCompletableFuture().getNow(null);
        assertFalse(answer.isAccepted());
        assertEquals("banned", answer.reason());
    }

    @Test
    void vetoReachesThePlayerWithItsReason() throws Exception {
        game.admitting((session, connection) -> Admission.rejected("banned"));
        start(UnaryOperator.identity());

        assertRejected(new ResultFrame(ResultCode.REJECTED_BY_GAME, "banned"));
    }

    @Test
    void listenerThatThrowsRejectsThePlayer() throws Exception {
        game.admitting((session, connection) -> {
            throw new IllegalStateException("game bug");
        });
        start(UnaryOperator.identity());

        assertRejected(new ResultFrame(ResultCode.REJECTED_BY_GAME, "the game failed to admit the player"));
    }

    @Test
    void admissionThatFailsRejectsThePlayer() throws Exception {
        game.admitting((session, connection) -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("lobby service down");
        }));
        start(UnaryOperator.identity());

        assertRejected(new ResultFrame(ResultCode.REJECTED_BY_GAME, "the game failed to admit the player"));
    }

    @Test
    void nullAdmissionRejectsThePlayer() throws Exception {
        game.admitting((session, connection) -> null);
        start(UnaryOperator.identity());

        assertRejected(new ResultFrame(ResultCode.REJECTED_BY_GAME, "the game failed to admit the player"));
    }

    @Test
    void unansweredAdmissionMakesThePlayerBusyAndTheReservationSurvivesForARetry() throws Exception {
        CompletableFuture<Admission> never = new CompletableFuture<>();
        game.admitting((session, connection) -> never);
        start(settings -> settings.admissionTimeout(Duration.ofMillis(300)));
        String id = gate.reserve("player-1");

        try (PlayerSocket player = gate.open()) {
            ResultFrame result = player.connect(id);

            assertEquals(new ResultFrame(ResultCode.BUSY, "the game did not answer in time"), result);
            player.assertClosedByAgent();
        }
        Disconnected gone = next(game.disconnected);
        assertEquals(DisconnectReason.ADMISSION_TIMED_OUT, gone.reason());
        // BUSY means "try again": the claim is undone, the reservation stands.
        assertEquals(PlayerSessionStatus.RESERVED, gone.session().status());
        assertEquals(PlayerSessionStatus.RESERVED, gate.status(id));

        game.admitting((session, connection) -> Admission.accepted());
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
            assertEquals(PlayerSessionStatus.ACTIVE, gate.status(id));
        }
        next(game.disconnected);
        gate.close();
        game.assertOneDisconnectPerAdmission();
    }

    @Test
    void callbackBlockedForeverWedgesOnlyItsOwnPlayer() throws Exception {
        CountDownLatch stuckEntered = new CountDownLatch(1);
        game.admitting((session, connection) -> {
            if (session.playerId().equals("stuck")) {
                stuckEntered.countDown();
                awaitUninterruptibly(releaseStuckCallback);
            }
            return Admission.accepted();
        });
        start(settings -> settings.callbackThreads(2).admissionTimeout(Duration.ofMillis(300)));
        String stuckId = gate.reserve("stuck");

        try (PlayerSocket stuck = gate.open()) {
            stuck.send(new ConnectFrame(stuckId).toBytes());
            stuckEntered.await();

            // One callback thread is gone for good; others still come and go on the other one.
            for (int i = 0; i < 3; i++) {
                String id = gate.reserve("player-" + i);
                try (PlayerSocket player = gate.open()) {
                    assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
                }
                Disconnected gone = next(game.disconnected);
                assertEquals(id, gone.session().playerSessionId());
                assertEquals(DisconnectReason.CONNECTION_CLOSED, gone.reason());
            }

            assertEquals(new ResultFrame(ResultCode.BUSY, "the game did not answer in time"), stuck.readResult());
            stuck.assertClosedByAgent();
        }
        SessionEvent.PlayerSessionChanged ended = next(released);
        assertEquals(stuckId, ended.session().playerSessionId());
        assertEquals(DisconnectReason.ADMISSION_TIMED_OUT, ended.reason());
        assertEquals(PlayerSessionStatus.RESERVED, gate.status(stuckId));

        // Once the game's thread comes back, it hears that the player is gone, and why.
        releaseStuckCallback.countDown();
        Disconnected gone = next(game.disconnected);
        assertEquals(stuckId, gone.session().playerSessionId());
        assertEquals(DisconnectReason.ADMISSION_TIMED_OUT, gone.reason());
        assertEquals(PlayerSessionStatus.RESERVED, gone.session().status());
    }

    @Test
    void listenerThatThrowsOnDisconnectDoesNotBreakLaterPlayers() throws Exception {
        TicketgateListener throwing = new TicketgateListener() {
            @Override
            public CompletionStage<Admission> onPlayerAccepted(PlayerSession session, PlayerConnection connection) {
                return game.onPlayerAccepted(session, connection);
            }

            @Override
            public void onPlayerDisconnected(PlayerSession session, DisconnectReason reason) {
                game.onPlayerDisconnected(session, reason);
                throw new IllegalStateException("game bug in onPlayerDisconnected");
            }
        };
        // The game's own executor, watched: no exception of the game's may escape into it.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        Executor watched = task -> pool.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                escaped.add(e);
                throw e;
            }
        });
        try {
            start(throwing, settings -> settings.callbackExecutor(watched));

            for (int i = 0; i < 3; i++) {
                String id = gate.reserve("player-" + i);
                try (PlayerSocket player = gate.open()) {
                    assertEquals(ResultCode.ACCEPTED, player.connect(id).code());
                }
                assertEquals(id, next(game.disconnected).session().playerSessionId());
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        assertEquals(List.of(), escaped);
    }

    @Test
    void connectionOverTheLimitIsBusyAndItsSlotComesBack() throws Exception {
        start(settings -> settings.maxConnections(1));
        String first = gate.reserve("player-1");
        String second = gate.reserve("player-2");

        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(first).code());

            try (PlayerSocket extra = gate.open()) {
                ResultFrame result = extra.readResult();
                assertEquals(ResultCode.BUSY, result.code());
                assertEquals("the agent is at its connection limit", result.detail());
                extra.assertClosedByAgent();
            }
        }
        next(game.disconnected);

        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(second).code());
        }
    }

    private void assertRejected(ResultFrame expected) throws Exception {
        String id = gate.reserve("player-1");
        try (PlayerSocket player = gate.open()) {
            assertEquals(expected, player.connect(id));
            player.assertClosedByAgent();
        }
        Disconnected gone = next(game.disconnected);
        assertEquals(DisconnectReason.REJECTED_BY_GAME, gone.reason());
        assertEquals(PlayerSessionStatus.COMPLETED, gone.session().status());
        assertEquals(PlayerSessionStatus.COMPLETED, gate.status(id));
        gate.close();
        game.assertOneDisconnectPerAdmission();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
