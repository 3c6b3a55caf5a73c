package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.StoredState;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An agent back from away: what the fleet ended meanwhile ends here too (Redis wins). */
@Timeout(60)
class FleetReconciliationTest extends MirroredStoreOnRedis {

    @Test
    void aGameSessionTheFleetTerminatedIsEndedHereWithItsPlayers() throws Exception {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        mirror.flush().get(5, TimeUnit.SECONDS);
        // What a survivor wrote while this agent was taken for dead.
        String gameKey = "tg:{" + game.gameSessionId() + "}:game";
        StoredState.Game copy = (StoredState.Game) MirroredStore.decode(inspection.sync().get(gameKey));
        inspection.sync().set(gameKey, StateCodec.encode(FleetReaper.terminated(copy, Instant.now())));

        assertEquals(1, new FleetReconciliation(connection).reconcile(store));

        assertEquals(GameSessionStatus.TERMINATED, store.gameSession(game.gameSessionId()).orElseThrow().status());
        assertEquals(PlayerSessionStatus.COMPLETED,
                store.playerSession(reserved.playerSessionId()).orElseThrow().status());
        assertEquals(0, new FleetReconciliation(connection).reconcile(store), "nothing left to end");
    }

    @Test
    void aPlayerSessionTheFleetEndedIsEndedHereAndTheRestStay() throws Exception {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        PlayerSession ended = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        PlayerSession kept = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        mirror.flush().get(5, TimeUnit.SECONDS);
        String playersKey = "tg:{" + game.gameSessionId() + "}:players";
        StoredState.Player copy = (StoredState.Player) MirroredStore.decode(
                inspection.sync().hget(playersKey, ended.playerSessionId()));
        inspection.sync().hset(playersKey, ended.playerSessionId(),
                StateCodec.encode(FleetReaper.ended(copy, Instant.now())));

        assertEquals(1, new FleetReconciliation(connection).reconcile(store));

        assertEquals(PlayerSessionStatus.COMPLETED,
                store.playerSession(ended.playerSessionId()).orElseThrow().status());
        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(kept.playerSessionId()).orElseThrow().status());
        assertEquals(GameSessionStatus.ACTIVE, store.gameSession(game.gameSessionId()).orElseThrow().status());
    }
}
