package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoredState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FleetReaperTest {

    private static final String FLEET = "fleet-test";
    private static final String LISTING = "{\"IpAddress\":\"127.0.0.1\",\"Port\":7777,\"MaxGameSessions\":10}";

    private RedisServer redis;
    private final List<FleetConnection> connections = new ArrayList<>();
    private RedisClient inspector;
    private StatefulRedisConnection<String, byte[]> inspection;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        inspector = RedisClient.create(redis.uri());
        inspection = inspector.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    @AfterEach
    void stop() throws Exception {
        inspection.close();
        inspector.shutdown();
        connections.forEach(FleetConnection::close);
        redis.close();
    }

    @Test
    void exactlyOneSurvivorEndsADeadAgentsSessionsAndUnlistsIt() throws Exception {
        FleetSettings a = settings("agent-a");
        FleetConnection toA = open(a);
        FleetMembership.join(toA, a, LISTING);
        FleetMirror mirror = new FleetMirror(toA, a, LISTING, MirroredStore.RETENTION);
        SessionStore store = store(mirror);
        GameSession game = store.createGameSession(CreateGameSessionRequest.builder(4).build());
        PlayerSession playing = store.reservePlayerSession(game.gameSessionId(), "player-1", null);
        store.connect(playing.playerSessionId());
        PlayerSession reserved = store.reservePlayerSession(game.gameSessionId(), "player-2", null);
        mirror.flush().get(5, TimeUnit.SECONDS);
        // SIGKILL: no release; the claim ends when its TTL does.
        inspection.sync().del("tg:{" + FLEET + "}:agent:agent-a");

        List<FleetReaper> survivors = new ArrayList<>();
        for (String id : List.of("agent-b", "agent-c")) {
            FleetConnection connection = open(settings(id));
            FleetMembership.join(connection, settings(id), LISTING);
            survivors.add(new FleetReaper(connection, settings(id), Clock.systemUTC()));
        }
        List<CompletableFuture<List<String>>> rounds = survivors.stream()
                .map(reaper -> CompletableFuture.supplyAsync(() -> reap(reaper))).toList();
        List<String> reaped = new ArrayList<>();
        for (CompletableFuture<List<String>> round : rounds) {
            reaped.addAll(round.get(10, TimeUnit.SECONDS));
        }

        assertEquals(List.of("agent-a"), reaped);
        StoredState.Game ended = (StoredState.Game) decode(inspection.sync()
                .get("tg:{" + game.gameSessionId() + "}:game"));
        assertEquals(GameSessionStatus.TERMINATED, ended.status());
        assertEquals(PlayerSessionStatus.COMPLETED, player(game, playing).status());
        assertEquals(PlayerSessionStatus.COMPLETED, player(game, reserved).status());
        assertNull(inspection.sync().hget("tg:{" + FLEET + "}:agents", "agent-a"));
        assertEquals(List.of(), reap(survivors.get(0)), "done once");
    }

    @Test
    void aLiveAgentIsLeftAloneAndAnExpiredReservationTimesOutAtItsDeadline() throws Exception {
        FleetSettings a = settings("agent-a");
        FleetConnection toA = open(a);
        FleetMembership.join(toA, a, LISTING);
        FleetConnection toB = open(settings("agent-b"));
        FleetMembership.join(toB, settings("agent-b"), LISTING);

        assertEquals(List.of(), reap(new FleetReaper(toB, settings("agent-b"), Clock.systemUTC())));

        java.time.Instant deadline = java.time.Instant.parse("2026-01-01T00:01:00Z");
        StoredState.Player expired = new StoredState.Player(1, "psess-1", "player-1", null, "gsess-1",
                deadline.minusSeconds(60), deadline, PlayerSessionStatus.RESERVED, null, false, null);
        StoredState.Player ended = FleetReaper.ended(expired, deadline.plusSeconds(30));
        assertEquals(PlayerSessionStatus.TIMEDOUT, ended.status());
        assertEquals(deadline, ended.terminationTime());
    }

    private static List<String> reap(FleetReaper reaper) {
        try {
            return reaper.reapOnce();
        } catch (FleetUnreachableException e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredState.Player player(GameSession game, PlayerSession session) throws Exception {
        return (StoredState.Player) decode(inspection.sync().hget("tg:{" + game.gameSessionId() + "}:players",
                session.playerSessionId()));
    }

    private FleetConnection open(FleetSettings settings) throws FleetUnreachableException {
        FleetConnection connection = FleetConnection.open(settings);
        connections.add(connection);
        return connection;
    }

    private FleetSettings settings(String agentId) {
        return new FleetSettings(redis.uri(), FLEET, agentId, 10, FleetSettings.DEFAULT_HEARTBEAT_TIMEOUT);
    }

    private static SessionStore store(FleetMirror mirror) {
        return MirroredStore.of(FLEET, mirror);
    }

    private static StoredState decode(byte[] value) throws Exception {
        return MirroredStore.decode(value);
    }
}
