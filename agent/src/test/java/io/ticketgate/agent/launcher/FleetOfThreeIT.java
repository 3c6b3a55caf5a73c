package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.fleet.RedisServer;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.GameSessionFullException;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;

/**
 * Three agents (the real jar) and one Redis, as the fleet issue's "Must show" has them: A hosts
 * nothing and answers for the fleet; B and C host game sessions in front of one echo server.
 */
@Timeout(120)
class FleetOfThreeIT {

    private static final String ONE_JVM = "-XX:+ExitOnOutOfMemoryError";
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final int HEARTBEAT_SECONDS = 3;

    @TempDir
    Path directory;

    private RedisServer redis;
    private EchoGameServer game;
    private final List<Process> started = new ArrayList<>();
    private final Map<String, Agent> agents = new HashMap<>();

    /** One agent's ports. */
    private record Agent(String id, Process process, int controlPort, int playerPort) {
    }

    @BeforeEach
    void startFleet() throws Exception {
        redis = RedisServer.start();
        game = EchoGameServer.start();
        start("agent-a", "0");
        start("agent-b", "10");
        start("agent-c", "10");
        for (Agent agent : agents.values()) {
            SidecarJar.awaitReady(agent.process(), agent.controlPort());
        }
    }

    @AfterEach
    void stopFleet() throws Exception {
        for (Process process : started) {
            SidecarJar.kill(process);
        }
        game.close();
        redis.close();
    }

    @Test
    void anyAgentAnswersForTheFleetAndTheFleetSurvivesAKillAndARedisOutage() throws Exception {
        Agent a = agents.get("agent-a");
        Agent b = agents.get("agent-b");
        Agent c = agents.get("agent-c");
        try (GameLiftClient throughA = SidecarJar.gameLift(a.controlPort(), "AKID", "secret");
                GameLiftClient throughB = SidecarJar.gameLift(b.controlPort(), "AKID", "secret");
                GameLiftClient throughC = SidecarJar.gameLift(c.controlPort(), "AKID", "secret")) {
            // Placement: A has no room; fewest first puts one game session on each of B and C.
            GameSession first = create(throughA, 4);
            GameSession second = create(throughA, 4);
            assertEquals(List.of(b.playerPort(), c.playerPort()).stream().sorted().toList(),
                    List.of(first.port(), second.port()).stream().sorted().toList());
            GameSession onB = first.port() == b.playerPort() ? first : second;
            GameSession onC = onB == first ? second : first;
            assertEquals("127.0.0.1", onB.ipAddress());
            // Described by FleetId through A, which holds none: both, a page each, the next page through C.
            SidecarJar.awaitTrue(() -> throughA.describeGameSessions(request -> request.fleetId("fleet-local"))
                    .gameSessions().size() == 2, 5, "the fleet's game sessions listed through A");
            var firstPage = throughA.describeGameSessions(request -> request.fleetId("fleet-local").limit(1));
            var secondPage = throughC.describeGameSessions(request -> request.fleetId("fleet-local").limit(1)
                    .nextToken(firstPage.nextToken()));
            assertEquals(List.of(first.gameSessionId(), second.gameSessionId()).stream().sorted().toList(),
                    List.of(firstPage.gameSessions().get(0).gameSessionId(),
                            secondPage.gameSessions().get(0).gameSessionId()).stream().sorted().toList());
            assertNull(secondPage.nextToken());

            // A reservation through C for B's game session connects at B, once, and never at C.
            PlayerSession reservedViaC = throughC.createPlayerSession(request -> request
                    .gameSessionId(onB.gameSessionId()).playerId("player-1")).playerSession();
            assertEquals(b.playerPort(), reservedViaC.port());
            try (TgtConnection wrongAgent = connect(c, reservedViaC.playerSessionId())) {
                assertEquals(ResultCode.UNKNOWN_SESSION, wrongAgent.code(), wrongAgent::toString);
            }
            try (TgtConnection player = connect(b, reservedViaC.playerSessionId());
                    TgtConnection again = connect(b, reservedViaC.playerSessionId())) {
                assertEquals(ResultCode.ACCEPTED, player.code(), player::toString);
                assertNotEquals(ResultCode.ACCEPTED, again.code(), again::toString);
            }

            // The same player on C too: a describe by PlayerId through A lists both, page by page.
            PlayerSession onCForPlayer1 = throughA.createPlayerSession(request -> request
                    .gameSessionId(onC.gameSessionId()).playerId("player-1")).playerSession();
            SidecarJar.awaitTrue(() -> throughA.describePlayerSessions(request -> request.playerId("player-1"))
                    .playerSessions().size() == 2, 5, "player-1's sessions on B and C listed through A");
            var page = throughA.describePlayerSessions(request -> request.playerId("player-1").limit(1));
            var next = throughA.describePlayerSessions(request -> request.playerId("player-1").limit(1)
                    .nextToken(page.nextToken()));
            assertEquals(List.of(reservedViaC.playerSessionId(), onCForPlayer1.playerSessionId()),
                    List.of(page.playerSessions().get(0).playerSessionId(),
                            next.playerSessions().get(0).playerSessionId()));
            assertNull(next.nextToken());

            // Capacity under concurrent reservations through all three: C's game session has 3 seats left.
            Map<String, Integer> outcomes = reserveConcurrently(List.of(throughA, throughB, throughC),
                    onC.gameSessionId(), 12);
            assertEquals(Map.of("reserved", 3, "GameSessionFullException", 9), outcomes);

            // SIGKILL of B: a survivor ends its sessions within the heartbeat timeout plus 5 s.
            long killed = System.nanoTime();
            SidecarJar.kill(b.process());
            started.remove(b.process());
            SidecarJar.awaitTrue(() -> "TERMINATED".equals(throughA.describeGameSessions(request -> request
                    .gameSessionId(onB.gameSessionId())).gameSessions().get(0).statusAsString()), 20,
                    "B's game session terminated");
            SidecarJar.awaitTrue(() -> "COMPLETED".equals(throughC.describePlayerSessions(request -> request
                    .gameSessionId(onB.gameSessionId())).playerSessions().get(0).statusAsString()), 20,
                    "B's player session completed");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertTrue(tookMillis <= (HEARTBEAT_SECONDS + 5) * 1_000L, "ended " + tookMillis + " ms after the kill");
            GameSession third = create(throughA, 2);
            assertEquals(c.playerPort(), third.port(), "nothing new is placed on the dead agent");

            // Redis stopped: a player reserved before still connects; new reservations fail fast.
            PlayerSession reservedBefore = throughA.createPlayerSession(request -> request
                    .gameSessionId(third.gameSessionId()).playerId("player-2")).playerSession();
            int redisPort = redis.port();
            redis.close();
            try (TgtConnection player = connect(c, reservedBefore.playerSessionId())) {
                assertEquals(ResultCode.ACCEPTED, player.code(), player::toString);
            }
            SidecarJar.awaitTrue(() -> SidecarJar.readyz(c.controlPort()) == 503, 30, "C unready without Redis");
            for (GameLiftClient client : List.of(throughA, throughC)) {
                long asked = System.nanoTime();
                GameLiftException refused = assertThrows(GameLiftException.class, () -> client.createPlayerSession(
                        request -> request.gameSessionId(third.gameSessionId()).playerId("player-3")));
                long answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
                assertEquals(500, refused.statusCode());
                assertEquals("InternalServiceException", refused.awsErrorDetails().errorCode());
                assertTrue(answeredMillis <= 2_500, "answered after " + answeredMillis + " ms");
            }

            // Redis back (empty): the agents rejoin without a restart and serve the fleet again.
            redis = RedisServer.start(redisPort);
            SidecarJar.awaitTrue(() -> SidecarJar.readyz(a.controlPort()) == 200
                    && SidecarJar.readyz(c.controlPort()) == 200,
                    30, "A and C ready again");
            SidecarJar.awaitTrue(() -> reserves(throughA, third.gameSessionId()), 10, "a reservation through A again");
        }
    }

    private static GameSession create(GameLiftClient client, int seats) {
        return client.createGameSession(request -> request.fleetId("fleet-local").maximumPlayerSessionCount(seats))
                .gameSession();
    }

    private static boolean reserves(GameLiftClient client, String gameSessionId) {
        try {
            client.createPlayerSession(request -> request.gameSessionId(gameSessionId).playerId("player-4"));
            return true;
        } catch (GameLiftException notYet) {
            return false;
        }
    }

    private static Map<String, Integer> reserveConcurrently(List<GameLiftClient> through, String gameSessionId,
            int calls) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(calls);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                GameLiftClient client = through.get(i % through.size());
                String playerId = "crowd-" + i;
                Callable<String> reserve = () -> {
                    try {
                        client.createPlayerSession(request -> request.gameSessionId(gameSessionId).playerId(playerId));
                        return "reserved";
                    } catch (GameSessionFullException e) {
                        return "GameSessionFullException";
                    }
                };
                results.add(callers.submit(reserve));
            }
            Map<String, Integer> outcomes = new HashMap<>();
            for (Future<String> result : results) {
                outcomes.merge(result.get(), 1, Integer::sum);
            }
            return outcomes;
        } finally {
            callers.shutdownNow();
        }
    }

    private static TgtConnection connect(Agent agent, String playerSessionId) throws Exception {
        return TgtClient.connect("127.0.0.1", agent.playerPort(), playerSessionId,
                TgtClient.Options.defaults().withReadTimeout(EXCHANGE_TIMEOUT));
    }

    private void start(String agentId, String maxGameSessions) throws Exception {
        int controlPort = SidecarJar.freePort();
        int playerPort = SidecarJar.freePort();
        List<String> args = List.of("--upstream", "127.0.0.1:" + game.port(),
                "--control-port", Integer.toString(controlPort), "--player-port", Integer.toString(playerPort),
                "--fleet-redis", redis.uri(), "--agent-id", agentId, "--max-game-sessions", maxGameSessions,
                "--fleet-heartbeat-timeout", HEARTBEAT_SECONDS + "s");
        Process process = SidecarJar.command(directory, List.of(ONE_JVM), args)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(agentId + ".log").toFile())
                .start();
        started.add(process);
        agents.put(agentId, new Agent(agentId, process, controlPort, playerPort));
    }
}
