package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.control.PeerOperations;
import io.ticketgate.agent.control.SessionsElsewhere.Placement;
import io.ticketgate.agent.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet on a Redis Cluster of three masters: every script touches one hash tag's keys, the
 * mirror's writes go to the slots their tags name, and calls between agents cross nodes.
 */
@Timeout(90)
class FleetOnRedisClusterTest {

    private static final String FLEET = "fleet-test";
    private static final String LISTING_A = "{\"AgentId\":\"agent-a\",\"IpAddress\":\"127.0.0.1\",\"Port\":7001,"
            + "\"MaxGameSessions\":0}";
    private static final String LISTING_B = "{\"AgentId\":\"agent-b\",\"IpAddress\":\"127.0.0.1\",\"Port\":7002,"
            + "\"MaxGameSessions\":5}";

    private RedisCluster cluster;
    private FleetConnection toA;
    private FleetConnection toB;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = RedisCluster.start();
        toA = FleetConnection.open(settings("agent-a"));
        toB = FleetConnection.open(settings("agent-b"));
    }

    @AfterEach
    void stopCluster() throws Exception {
        toA.close();
        toB.close();
        cluster.close();
    }

    @Test
    void agentsJoinPlaceCopyCallAndReapOnACluster() throws Exception {
        assertTrue(settings("agent-a").redisForLog().startsWith("redis-cluster://127.0.0.1:"));
        FleetMembership a = FleetMembership.join(toA, settings("agent-a"), LISTING_A);
        FleetMembership b = FleetMembership.join(toB, settings("agent-b"), LISTING_B);
        FleetMirror mirror = new FleetMirror(toB, settings("agent-b"), LISTING_B, MirroredStore.RETENTION);
        SessionStore store = MirroredStore.of(FLEET, mirror);
        try (FleetCalls caller = FleetCalls.open(toA, settings("agent-a"));
                FleetCalls holder = FleetCalls.open(toB, settings("agent-b"))) {
            holder.serve(new PeerOperations(store));

            // Placement: a script on the fleet's slot; A has no room, so B.
            Placement placed = new FleetPlacement(toA, settings("agent-a"), 60_000).place(null);
            assertEquals("agent-b", placed.agentId());
            GameSession game = store.createGameSession(CreateGameSessionRequest.builder(2).build());
            placed.created(game.gameSessionId());

            // A reservation passed from A to B over pub/sub, across the cluster's nodes.
            var answer = caller.call("agent-b", "CreatePlayerSession", new ObjectMapper().createObjectNode()
                    .put("GameSessionId", game.gameSessionId()).put("PlayerId", "player-1"));
            String playerSessionId = answer.path("PlayerSession").path("PlayerSessionId").asText();
            assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(playerSessionId).orElseThrow().status());

            // The copy, written to the slots of its tags, read back by A's directory.
            mirror.flush().get(5, TimeUnit.SECONDS);
            assertEquals(0, mirror.unwrittenCount());
            FleetDirectory directory = new FleetDirectory(toA, caller, null, "agent-a", () -> true, FLEET, "arn");
            List<PlayerSession> ofPlayer = directory.ofPlayer("player-1");
            assertEquals(List.of(playerSessionId), ofPlayer.stream().map(PlayerSession::playerSessionId).toList());
            assertEquals(1, directory.gameSessions(null, 10, null, id -> Optional.empty()).items().size());

            // B dies: A finds it with one script on the fleet's slot and ends its sessions.
            toB.commands().del(new FleetKeys(FLEET).agent("agent-b")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("agent-b"), new FleetReaper(toA, settings("agent-a"), Clock.systemUTC()).reapOnce());
            assertEquals(PlayerSessionStatus.COMPLETED,
                    directory.playerSession(playerSessionId).orElseThrow().status());
        }
        a.close();
        b.close();
    }

    private FleetSettings settings(String agentId) {
        return new FleetSettings(cluster.uri(), FLEET, agentId, agentId.equals("agent-a") ? 0 : 5,
                Duration.ofSeconds(10));
    }
}
