package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.StoredState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FleetMirrorTest extends MirroredStoreOnRedis {

    @Test
    void everyChangeReachesRedisAsTheSessionsLatestState() throws Exception {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-1", "{\"team\":\"red\"}");
        store.connect(reserved.playerSessionId());

        mirror.flush().get(5, TimeUnit.SECONDS);

        StoredState.Game storedGame = (StoredState.Game) decode(inspection.sync()
                .get("tg:{" + game.gameSessionId() + "}:game"));
        assertEquals(game.gameSessionId(), storedGame.gameSessionId());
        assertEquals(4, storedGame.maximumPlayerSessionCount());
        StoredState.Player storedPlayer = (StoredState.Player) decode(inspection.sync()
                .hget("tg:{" + game.gameSessionId() + "}:players", reserved.playerSessionId()));
        assertEquals(PlayerSessionStatus.ACTIVE, storedPlayer.status());
        assertEquals("player-1", storedPlayer.playerId());
        assertEquals("{\"team\":\"red\"}", storedPlayer.playerData());
        assertEquals(0, mirror.unwrittenCount());
        assertEquals(game.gameSessionId(), new String(inspection.sync().hget("tg:{player:player-1}:sessions",
                reserved.playerSessionId())), "found by its player id");
        assertEquals("{}", new String(inspection.sync().get("tg:{" + game.gameSessionId() + "}:owner")),
                "the owner's listing beside the game session");
        assertEquals(game.gameSessionId(), new String(inspection.sync()
                .get("tg:{" + reserved.playerSessionId() + "}:game-session")), "found by its id");
        long indexTtl = inspection.sync().pttl("tg:{" + reserved.playerSessionId() + "}:game-session");
        assertTrue(indexTtl > 0 && indexTtl <= Duration.ofDays(1).toMillis(), "kept for retention: " + indexTtl);
        assertEquals(-1, inspection.sync().pttl("tg:{" + game.gameSessionId() + "}:game"), "a live game: no TTL");
    }

    @Test
    void anEndedGameSessionsCopiesExpireWithTheRetention() throws Exception {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.endGameSession(game.gameSessionId());
        mirror.flush().get(5, TimeUnit.SECONDS);

        for (String key : List.of("game", "players", "owner")) {
            long ttl = inspection.sync().pttl("tg:{" + game.gameSessionId() + "}:" + key);
            assertTrue(ttl > 0 && ttl <= Duration.ofDays(1).toMillis(), key + " TTL " + ttl);
        }
        assertEquals(0, inspection.sync().sismember("tg:{fleet-test}:agent:agent-a:games",
                game.gameSessionId().getBytes()) ? 1 : 0, "no longer one a survivor must end");
    }

    @Test
    void changesMadeWhileRedisIsDownAreWrittenWhenItReturns() throws Exception {
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        mirror.flush().get(5, TimeUnit.SECONDS);
        int port = redis.port();
        inspection.close();
        redis.close();

        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.removePlayerSession(reserved.playerSessionId());
        mirror.flush().get(5, TimeUnit.SECONDS);
        assertEquals(1, mirror.unwrittenCount(), "one session, one latest state, kept for later");

        redis = RedisServer.start(port);
        inspection = inspector.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (mirror.unwrittenCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "never written after Redis came back");
            mirror.flush().get(5, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(100);
        }
        StoredState.Player storedPlayer = (StoredState.Player) decode(inspection.sync()
                .hget("tg:{" + game.gameSessionId() + "}:players", reserved.playerSessionId()));
        assertEquals(PlayerSessionStatus.COMPLETED, storedPlayer.status());
    }

    @Test
    void anAgentThatRejoinsARedisThatLostEverythingCopiesItsSessionsAgain() throws Exception {
        FleetSettings settings = new FleetSettings(redis.uri(), "fleet-test", "agent-a", 10,
                FleetSettings.DEFAULT_HEARTBEAT_TIMEOUT);
        FleetMembership member = FleetMembership.join(connection, settings, "{}");
        member.onRejoin(() -> store.appendAllStatesTo(mirror));
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        mirror.flush().get(5, TimeUnit.SECONDS);

        inspection.sync().flushall();
        assertEquals(FleetMembership.Status.MEMBER, member.heartbeat().toCompletableFuture().get());
        mirror.flush().get(5, TimeUnit.SECONDS);

        assertEquals(PlayerSessionStatus.RESERVED, ((StoredState.Player) decode(inspection.sync()
                .hget("tg:{" + game.gameSessionId() + "}:players", reserved.playerSessionId()))).status());
        assertTrue(inspection.sync().exists("tg:{" + game.gameSessionId() + "}:game") == 1);
        member.close();
    }

    private static StoredState decode(byte[] value) throws Exception {
        return MirroredStore.decode(value);
    }
}
