package io.ticketgate.agent.player;

import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.time.AgentClock;
import java.time.Duration;

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

    boolean isDraining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }
}
