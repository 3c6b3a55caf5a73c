package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.UpdateGameSessionRequest;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.agent.store.SessionEvent.GameSessionChanged;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.store.SessionEvent.PlayerSessionChanged;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private final StoreFixture fixture = new StoreFixture(StoreFixture.settings()
            .activation(GameSessionActivation.MANUAL).reconnectGrace(Duration.ofSeconds(30)));
    private final SessionStore store = fixture.store;
    private final RecordingSink events = fixture.events;

    @Test
    void everyChangePublishesOneEventWithTheStateAfterIt() {
        GameSession game = fixture.createGameSession(8);
        assertGameEvent(game.gameSessionId(), GameChange.CREATED, GameSessionStatus.ACTIVATING);

        store.activateGameSession(game.gameSessionId());
        assertGameEvent(game.gameSessionId(), GameChange.ACTIVATED, GameSessionStatus.ACTIVE);

        store.updateGameSession(UpdateGameSessionRequest.builder(game.gameSessionId()).name("renamed")
                .playerSessionCreationPolicy(PlayerSessionCreationPolicy.ACCEPT_ALL).build());
        GameSessionChanged updated =
                assertGameEvent(game.gameSessionId(), GameChange.UPDATED, GameSessionStatus.ACTIVE);
        assertEquals("renamed", updated.session().name());

        List<PlayerSession> batch = publishes(3,
                () -> store.reservePlayerSessions(game.gameSessionId(), List.of("a", "b", "c"), Map.of()));
        for (PlayerSession player : batch) {
            assertPlayerEvent(player.playerSessionId(), PlayerChange.RESERVED, null);
        }
        String a = batch.get(0).playerSessionId();
        String b = batch.get(1).playerSessionId();
        String c = batch.get(2).playerSessionId();
        String d = store.reservePlayerSession(game.gameSessionId(), "d", null).playerSessionId();
        String e = store.reservePlayerSession(game.gameSessionId(), "e", null).playerSessionId();

        ConnectOutcome first = publishes(1, () -> store.connect(a));
        assertPlayerEvent(a, PlayerChange.ACTIVATED, null);
        assertEquals(first.session(), lastPlayerEvent(a).session());

        publishes(0, () -> store.connect(a));

        publishes(1, () -> store.disconnect(a, first.connectionId(), DisconnectReason.CONNECTION_CLOSED));
        assertPlayerEvent(a, PlayerChange.DISCONNECTED, DisconnectReason.CONNECTION_CLOSED);

        ConnectOutcome again = publishes(1, () -> store.connect(a));
        assertPlayerEvent(a, PlayerChange.RECONNECTED, null);

        publishes(1, () -> store.disconnect(a, again.connectionId(), DisconnectReason.CONNECTION_CLOSED));
        fixture.time.advance(Duration.ofSeconds(30));
        publishes(1, store::runMaintenance);
        assertPlayerEvent(a, PlayerChange.GRACE_EXPIRED, DisconnectReason.CONNECTION_CLOSED);

        ConnectOutcome bConnected = publishes(1, () -> store.connect(b));
        publishes(1, () -> store.disconnect(b, bConnected.connectionId(), DisconnectReason.ADMISSION_TIMED_OUT));
        assertPlayerEvent(b, PlayerChange.RELEASED, DisconnectReason.ADMISSION_TIMED_OUT);
        ConnectOutcome bAgain = publishes(1, () -> store.connect(b));
        assertPlayerEvent(b, PlayerChange.ACTIVATED, null);
        publishes(1, () -> store.disconnect(b, bAgain.connectionId(), DisconnectReason.REJECTED_BY_GAME));
        assertPlayerEvent(b, PlayerChange.COMPLETED, DisconnectReason.REJECTED_BY_GAME);

        publishes(1, () -> store.removePlayerSession(c));
        assertPlayerEvent(c, PlayerChange.COMPLETED, DisconnectReason.REMOVED);
        publishes(0, () -> store.removePlayerSession(c));

        fixture.time.advance(Duration.ofSeconds(30));
        publishes(2, store::runMaintenance);
        assertPlayerEvent(d, PlayerChange.TIMED_OUT, null);
        assertPlayerEvent(e, PlayerChange.TIMED_OUT, null);

        String f = store.reservePlayerSession(game.gameSessionId(), "f", null).playerSessionId();
        store.connect(f);
        String g = store.reservePlayerSession(game.gameSessionId(), "g", null).playerSessionId();
        publishes(3, () -> store.endGameSession(game.gameSessionId()));
        assertPlayerEvent(f, PlayerChange.COMPLETED, DisconnectReason.GAME_SESSION_ENDED);
        assertPlayerEvent(g, PlayerChange.COMPLETED, DisconnectReason.GAME_SESSION_ENDED);
        GameSessionChanged ended =
                assertGameEvent(game.gameSessionId(), GameChange.ENDED, GameSessionStatus.TERMINATED);
        assertEquals(0, ended.session().currentPlayerSessionCount());
        assertEquals(fixture.time.instant(), ended.session().terminationTime());
        publishes(0, () -> store.endGameSession(game.gameSessionId()));

        events.assertEveryHistoryLegal();
        assertCountsMatchTheStream();
        fixture.assertCountsMatchDescribe();
    }

    @Test
    void purgesPublishNothing() {
        GameSession game = fixture.createGameSession(2);
        store.activateGameSession(game.gameSessionId());
        PlayerSession ticket = store.reservePlayerSession(game.gameSessionId(), "a", null);
        store.removePlayerSession(ticket.playerSessionId());
        store.endGameSession(game.gameSessionId());

        publishes(0, () -> fixture.advanceAndMaintain(StoreFixture.RETENTION.multipliedBy(2)));

        assertEquals(0, store.playerSessionCount(PlayerSessionStatus.COMPLETED));
        assertEquals(0, store.gameSessionCount(GameSessionStatus.TERMINATED));
    }

    /** Replays the stream: the last event of each session gives its status, which must add up to the counts. */
    private void assertCountsMatchTheStream() {
        Map<String, PlayerSessionStatus> players = new HashMap<>();
        Map<String, GameSessionStatus> games = new HashMap<>();
        for (SessionEvent event : events.all()) {
            if (event instanceof PlayerSessionChanged changed) {
                players.put(changed.session().playerSessionId(), changed.session().status());
            } else if (event instanceof GameSessionChanged changed) {
                games.put(changed.session().gameSessionId(), changed.session().status());
            }
        }
        Map<PlayerSessionStatus, Long> playerCounts = new EnumMap<>(PlayerSessionStatus.class);
        players.values().forEach(status -> playerCounts.merge(status, 1L, Long::sum));
        for (PlayerSessionStatus status : PlayerSessionStatus.values()) {
            assertEquals(playerCounts.getOrDefault(status, 0L).longValue(), store.playerSessionCount(status),
                    status.name());
        }
        Map<GameSessionStatus, Long> gameCounts = new EnumMap<>(GameSessionStatus.class);
        games.values().forEach(status -> gameCounts.merge(status, 1L, Long::sum));
        for (GameSessionStatus status : GameSessionStatus.values()) {
            assertEquals(gameCounts.getOrDefault(status, 0L).longValue(), store.gameSessionCount(status),
                    status.name());
        }
        for (Entry<String, PlayerSessionStatus> player : players.entrySet()) {
            assertEquals(player.getValue(), store.playerSession(player.getKey()).orElseThrow().status());
        }
    }

    private <T> T publishes(int expected, Supplier<T> change) {
        int before = events.all().size();
        T result = change.get();
        assertEquals(expected, events.all().size() - before, "events published");
        return result;
    }

    private void publishes(int expected, Runnable change) {
        publishes(expected, () -> {
            change.run();
            return null;
        });
    }

    private PlayerSessionChanged lastPlayerEvent(String playerSessionId) {
        List<PlayerSessionChanged> history = events.player(playerSessionId);
        return history.get(history.size() - 1);
    }

    private void assertPlayerEvent(String playerSessionId, PlayerChange change, DisconnectReason reason) {
        PlayerSessionChanged last = lastPlayerEvent(playerSessionId);
        assertEquals(change, last.change());
        assertEquals(reason, last.reason());
        assertEquals(store.playerSession(playerSessionId).orElseThrow(), last.session());
        if (!last.session().status().isTerminal()) {
            assertNull(last.session().terminationTime());
        }
    }

    private GameSessionChanged assertGameEvent(String gameSessionId, GameChange change, GameSessionStatus status) {
        List<GameSessionChanged> history = events.game(gameSessionId);
        GameSessionChanged last = history.get(history.size() - 1);
        assertEquals(change, last.change());
        assertEquals(status, last.session().status());
        assertEquals(store.gameSession(gameSessionId).orElseThrow(), last.session());
        return last;
    }
}
