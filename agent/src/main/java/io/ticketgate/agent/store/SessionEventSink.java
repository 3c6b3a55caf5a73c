package io.ticketgate.agent.store;

/**
 * Receives every change the store makes, in order for each game session. Called while the store
 * holds that game session's lock: implementations must be quick and must never block or call
 * back into the store.
 */
@FunctionalInterface
public interface SessionEventSink {

    void onEvent(SessionEvent event);

    /** A sink that ignores every event. */
    SessionEventSink NONE = event -> { };
}
