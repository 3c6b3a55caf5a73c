package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A game that records every callback in a queue, so tests wait for events instead of sleeping,
 * and answers each admission as the test says (accept by default).
 */
final class RecordingListener implements TicketgateListener {

    record Accepted(PlayerSession session, PlayerConnection connection) {
    }

    record Disconnected(PlayerSession session, DisconnectReason reason) {
    }

    final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    final BlockingQueue<Disconnected> disconnected = new LinkedBlockingQueue<>();
    final BlockingQueue<PlayerSession> graceExpired = new LinkedBlockingQueue<>();
    final BlockingQueue<PlayerSession> reservationsTimedOut = new LinkedBlockingQueue<>();

    /** Calls per player session id, kept when the queues above are drained. */
    private final Map<String, Integer> admissionsById = new ConcurrentHashMap<>();
    private final Map<String, Integer> disconnectsById = new ConcurrentHashMap<>();

    private volatile BiFunction<PlayerSession, PlayerConnection, CompletionStage<Admission>> admission =
            (session, connection) -> Admission.accepted();

    /** Answers every later admission with {@code admission}; it may throw, like a buggy game. */
    RecordingListener admitting(BiFunction<PlayerSession, PlayerConnection, CompletionStage<Admission>> admission) {
        this.admission = admission;
        return this;
    }

    @Override
    public CompletionStage<Admission> onPlayerAccepted(PlayerSession session, PlayerConnection connection) {
        admissionsById.merge(session.playerSessionId(), 1, Integer::sum);
        accepted.add(new Accepted(session, connection));
        return admission.apply(session, connection);
    }

    @Override
    public void onPlayerDisconnected(PlayerSession session, DisconnectReason reason) {
        disconnectsById.merge(session.playerSessionId(), 1, Integer::sum);
        disconnected.add(new Disconnected(session, reason));
    }

    @Override
    public void onReconnectGraceExpired(PlayerSession session) {
        graceExpired.add(session);
    }

    @Override
    public void onReservationTimedOut(PlayerSession session) {
        reservationsTimedOut.add(session);
    }

    /**
     * Asserts the listener contract: each onPlayerAccepted was followed by exactly one
     * onPlayerDisconnected (a session has one per connection, reconnects included). Call it
     * after stopping the agent, which drains its callbacks.
     */
    void assertOneDisconnectPerAdmission() {
        assertEquals(admissionsById, disconnectsById, "admissions and disconnects per player session");
    }

    /** Waits for the next item of one of the queues; the test's own timeout is the real bound. */
    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(item, "the expected callback did not arrive");
        return item;
    }
}
