package io.ticketgate.agent.store;

import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.agent.store.SessionEvent.GameSessionChanged;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import java.util.ArrayList;
import java.util.List;

/** Keeps every event the store publishes, in order, for tests to assert on. */
final class RecordingSink implements SessionEventSink {

    private final List<SessionEvent> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(SessionEvent event) {
        events.add(event);
    }

    synchronized List<SessionEvent> all() {
        return List.copyOf(events);
    }

    synchronized void clear() {
        events.clear();
    }

    /** The events of one player session, in order. */
    synchronized List<PlayerSessionChanged> player(String playerSessionId) {
        List<PlayerSessionChanged> found = new ArrayList<>();
        for (SessionEvent event : events) {
            if (event instanceof PlayerSessionChanged changed
                    && changed.session().playerSessionId().equals(playerSessionId)) {
                found.add(changed);
            }
        }
        return found;
    }

    /** What happened to one player session, in order. */
    List<PlayerChange> playerChanges(String playerSessionId) {
        return player(playerSessionId).stream().map(PlayerSessionChanged::change).toList();
    }

    /** The events of one game session, in order. */
    synchronized List<GameSessionChanged> game(String gameSessionId) {
        List<GameSessionChanged> found = new ArrayList<>();
        for (SessionEvent event : events) {
            if (event instanceof GameSessionChanged changed
                    && changed.session().gameSessionId().equals(gameSessionId)) {
                found.add(changed);
            }
        }
        return found;
    }

    /** What happened to one game session, in order. */
    List<GameChange> gameChanges(String gameSessionId) {
        return game(gameSessionId).stream().map(GameSessionChanged::change).toList();
    }
}
