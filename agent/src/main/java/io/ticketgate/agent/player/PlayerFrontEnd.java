package io.ticketgate.agent.player;

import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.time.AgentClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What every player connection's handlers share: the store, the hand-off and the settings. */
final class PlayerFrontEnd {

    private SessionStore store;
    private final PlayerHandoff handoff;
    private final PlayerConnections connections;
    private final AgentClock clock;
    private ConnectionLog log;
    private HandshakeObserver observer;
    private final long handshakeTimeoutNanos;
    private final long admissionTimeoutNanos;
    private volatile boolean draining;
    /** Player session ids a connection is preparing the hand-off for: one connection at a time per id. */
    private final Set<String> preparing = ConcurrentHashMap.newKeySet();

    PlayerFrontEnd(PlayerHandoff handoff, PlayerConnections connections, AgentClock clock,
            Duration handshakeTimeout, Duration admissionTimeout) {
        this.handoff = handoff;
        this.connections = connections;
        this.clock = clock;
        this.handshakeTimeoutNanos = handshakeTimeout.toNanos();
        this.admissionTimeoutNanos = admissionTimeout.toNanos();
    }

    SessionStore store() {
        return store;
    }

    /** Set once, before the server accepts its first connection. */
    void open(SessionStore store, HandshakeObserver observer) {
        this.store = store;
        this.log = new ConnectionLog(observer);
        this.observer = observer;
    }

    HandshakeObserver observer() {
        return observer;
    }

    PlayerHandoff handoff() {
        return handoff;
    }

    PlayerConnections connections() {
        return connections;
    }

    AgentClock clock() {
        return clock;
    }

    ConnectionLog log() {
        return log;
    }

    long handshakeTimeoutNanos() {
        return handshakeTimeoutNanos;
    }

    long admissionTimeoutNanos() {
        return admissionTimeoutNanos;
    }

    /**
     * Reserves the right to prepare the hand-off for {@code playerSessionId}: false if another
     * connection holds it. Racing CONNECTs for one id so lose before, not after, opening an
     * upstream connection.
     */
    boolean startPreparing(String playerSessionId) {
        return preparing.add(playerSessionId);
    }

    /** Gives up what {@link #startPreparing} reserved, once the store has decided. */
    void endPreparing(String playerSessionId) {
        preparing.remove(playerSessionId);
    }

    boolean isDraining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }
}
