package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.agent.store.SessionEvent.GameSessionChanged;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** Player session ids in the order of their first event. */
    synchronized List<String> playerSessionIds() {
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (SessionEvent event : events) {
            if (event instanceof PlayerSessionChanged changed) {
                ids.put(changed.session().playerSessionId(), Boolean.TRUE);
            }
        }
        return List.copyOf(ids.keySet());
    }

    /**
     * Asserts that the events of each player session tell a story the lifecycle allows: reserved
     * once, then activated, dropped and reconnected any number of times, ended at most once, each
     * event carrying the status its change leads to.
     */
    void assertEveryHistoryLegal() {
        for (String id : playerSessionIds()) {
            assertLegalHistory(player(id));
        }
    }

    static void assertLegalHistory(List<PlayerSessionChanged> history) {
        String story = history.stream().map(PlayerSessionChanged::change).toList().toString();
        assertEquals(PlayerChange.RESERVED, history.get(0).change(), story);
        boolean connected = false;
        for (int i = 0; i < history.size(); i++) {
            PlayerSessionChanged event = history.get(i);
            PlayerSessionStatus status = event.session().status();
            PlayerSessionStatus before = i == 0 ? null : history.get(i - 1).session().status();
            assertTrue(before == null || !before.isTerminal(), "an event after the end: " + story);
            switch (event.change()) {
                case RESERVED -> {
                    assertEquals(0, i, story);
                    assertEquals(PlayerSessionStatus.RESERVED, status, story);
                }
                case ACTIVATED -> {
                    assertEquals(PlayerSessionStatus.RESERVED, before, story);
                    assertEquals(PlayerSessionStatus.ACTIVE, status, story);
                    connected = true;
                }
                case DISCONNECTED -> {
                    assertTrue(connected, story);
                    assertEquals(PlayerSessionStatus.ACTIVE, status, story);
                    assertEquals(DisconnectReason.CONNECTION_CLOSED, event.reason(), story);
                    connected = false;
                }
                case RECONNECTED -> {
                    assertTrue(!connected && before == PlayerSessionStatus.ACTIVE, story);
                    assertEquals(PlayerSessionStatus.ACTIVE, status, story);
                    connected = true;
                }
                case GRACE_EXPIRED -> {
                    assertTrue(!connected && before == PlayerSessionStatus.ACTIVE, story);
                    assertEquals(PlayerSessionStatus.COMPLETED, status, story);
                }
                case TIMED_OUT -> {
                    assertEquals(PlayerSessionStatus.RESERVED, before, story);
                    assertEquals(PlayerSessionStatus.TIMEDOUT, status, story);
                }
                case COMPLETED -> {
                    assertNotNull(event.reason(), story);
                    assertEquals(PlayerSessionStatus.COMPLETED, status, story);
                }
            }
            if (status.isTerminal()) {
                assertNotNull(event.session().terminationTime(), story);
            } else {
                assertNull(event.session().terminationTime(), story);
            }
        }
    }
}
