package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.fleet.RedisServer;
import io.ticketgate.agent.store.StoredState;
import java.nio.ByteBuffer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;

/** The real jar joining a fleet: the agent id is one live agent's, and a Redis it cannot reach stops start-up. */
@Timeout(60)
class SidecarFleetIT {

    private static final String ONE_JVM = "-XX:+ExitOnOutOfMemoryError";
    /** An agent's heartbeat timeout where the test restarts it and expects it back before the reaper. */
    private static final Duration RESTART_HEARTBEAT_TIMEOUT = Duration.ofSeconds(8);

    @TempDir
    Path directory;

    private RedisServer redis;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            SidecarJar.kill(process);
        }
        redis.close();
    }

    @Test
    void aSecondLiveAgentWithTheSameIdExitsTwoWithOneLineAndTheFirstStaysReady() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process first = start(controlPort, "--agent-id", "game-1");
        SidecarJar.awaitReady(first, controlPort);

        Finished second = run("--agent-id", "game-1");

        assertEquals(2, second.exitCode(), second.output());
        assertEquals("ticketgate: cannot join the fleet fleet-local: agent id game-1 is already live in fleet-local"
                + " (a second agent with the same --agent-id; give each its own) (check --agent-id)",
                second.output().strip());
        assertEquals(200, SidecarJar.readyz(controlPort));
    }

    @Test
    void aReservationMadeThroughTheAgentIsInRedisWithinAFlush() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process agent = start(controlPort, "--agent-id", "game-1");
        SidecarJar.awaitReady(agent, controlPort);
        Reserved reserved = reserve(controlPort);
        String gameSessionId = reserved.gameSessionId();
        String playerSessionId = reserved.playerSessionId();
        RedisClient inspector = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> inspection = inspector.connect()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!inspection.sync().hexists("tg:{" + gameSessionId + "}:players", playerSessionId)) {
                assertTrue(System.nanoTime() < deadline, "the reservation never reached Redis");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(1, inspection.sync().exists("tg:{" + gameSessionId + "}:game"));
        } finally {
            inspector.shutdown();
        }
        // Lettuce logs while --fleet-redis is read; the agent's logging is still its own, not logback's DEBUG.
        String log = Files.readString(directory.resolve("agent-0.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains(" INFO  [main] i.t.agent.fleet.FleetPresence - Fleet fleet-local: joined"), log);
        assertTrue(!log.contains("DEBUG"), log);
    }

    @Test
    void aKilledAgentsSessionsAreEndedByASurvivorWithinTheHeartbeatTimeoutPlusFiveSeconds() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process doomed = start(controlPort, "--agent-id", "game-1", "--fleet-heartbeat-timeout", "3s");
        SidecarJar.awaitReady(doomed, controlPort);
        // Placed on the one agent there is; the survivor joins after.
        Reserved reserved = reserve(controlPort);
        int survivorPort = SidecarJar.freePort();
        Process survivor = start(survivorPort, "--agent-id", "game-2", "--fleet-heartbeat-timeout", "3s");
        SidecarJar.awaitReady(survivor, survivorPort);
        String gameSessionId = reserved.gameSessionId();
        String playerSessionId = reserved.playerSessionId();
        RedisClient inspector = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, byte[]> inspection = inspector.connect(
                RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            String playersKey = "tg:{" + gameSessionId + "}:players";
            SidecarJar.awaitTrue(() -> inspection.sync().hexists(playersKey, playerSessionId), 5,
                    "the reservation in Redis");

            long killed = System.nanoTime();
            SidecarJar.kill(doomed);
            started.remove(doomed);
            SidecarJar.awaitTrue(() -> status(inspection.sync().hget(playersKey, playerSessionId))
                    == PlayerSessionStatus.COMPLETED, 20, "the dead agent's reservation completed");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            assertTrue(tookMillis <= 3_000 + 5_000, "ended " + tookMillis + " ms after the kill");
            StoredState.Game game = (StoredState.Game) StateCodec.decode(ByteBuffer.wrap(
                    inspection.sync().get("tg:{" + gameSessionId + "}:game")));
            assertEquals(GameSessionStatus.TERMINATED, game.status());
        } finally {
            inspector.shutdown();
        }
    }

    @Test
    void anAgentRestartedFromItsDataDirKeepsItsSessionsUnlessTheFleetEndedThemMeanwhile() throws Exception {
        Path dataDir = directory.resolve("data-game-1");
        int controlPort = SidecarJar.freePort();
        // Long enough for a JVM to restart on a loaded CI machine before anyone may reap it.
        String heartbeatTimeout = RESTART_HEARTBEAT_TIMEOUT.toSeconds() + "s";
        String[] agent = {"--agent-id", "game-1", "--fleet-heartbeat-timeout", heartbeatTimeout, "--data-dir",
                dataDir.toString()};
        Process first = start(controlPort, agent);
        SidecarJar.awaitReady(first, controlPort);
        Reserved reserved = reserve(controlPort);
        int survivorPort = SidecarJar.freePort();
        Process survivor = start(survivorPort, "--agent-id", "game-2", "--fleet-heartbeat-timeout", heartbeatTimeout);
        SidecarJar.awaitReady(survivor, survivorPort);

        // Killed and restarted at once: the data dir's token takes the claim back, before anyone reaps.
        long killed = System.nanoTime();
        SidecarJar.kill(first);
        started.remove(first);
        Process second = start(controlPort, agent);
        SidecarJar.awaitReady(second, controlPort);
        long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        try (GameLiftClient throughSurvivor = SidecarJar.gameLift(survivorPort, "AKID", "secret");
                GameLiftClient throughAgent = SidecarJar.gameLift(controlPort, "AKID", "secret")) {
            // Past the heartbeat timeout and a reaper's look: still held, still RESERVED.
            LockSupport.parkNanos(RESTART_HEARTBEAT_TIMEOUT.plusSeconds(2).toNanos());
            assertEquals("RESERVED", status(throughSurvivor, reserved),
                    "restarted " + restartMillis + " ms after the kill");

            // Killed and kept away until the survivor ended its sessions: the restart ends them too.
            SidecarJar.kill(second);
            started.remove(second);
            SidecarJar.awaitTrue(() -> "COMPLETED".equals(status(throughSurvivor, reserved)), 30, "reaped");
            Process third = start(controlPort, agent);
            SidecarJar.awaitReady(third, controlPort);
            assertEquals("COMPLETED", throughAgent.describePlayerSessions(request -> request
                    .playerSessionId(reserved.playerSessionId())).playerSessions().get(0).statusAsString());
            assertEquals("TERMINATED", throughAgent.describeGameSessions(request -> request
                    .gameSessionId(reserved.gameSessionId())).gameSessions().get(0).statusAsString());
        }
    }

    private static String status(GameLiftClient client, Reserved reserved) {
        return client.describePlayerSessions(request -> request.playerSessionId(reserved.playerSessionId()))
                .playerSessions().get(0).statusAsString();
    }

    private static PlayerSessionStatus status(byte[] record) {
        try {
            return ((StoredState.Player) StateCodec.decode(ByteBuffer.wrap(record))).status();
        } catch (StateCodec.UnreadableRecord e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDescribeByPlayerIdThroughOneAgentListsThePlayersSessionsOnEveryAgent() throws Exception {
        int controlA = SidecarJar.freePort();
        Process a = start(controlA, "--agent-id", "game-1");
        SidecarJar.awaitReady(a, controlA);
        Reserved onA = reserve(controlA);
        // B joins with no game session: placement puts the next one there (fewest first). Its ports
        // are chosen now, not before A's connections took ephemeral ports of their own.
        int controlB = SidecarJar.freePort();
        int playerB = SidecarJar.freePort();
        Process b = start(controlB, "--agent-id", "game-2", "--player-port", Integer.toString(playerB));
        SidecarJar.awaitReady(b, controlB);
        Reserved onB = reserve(controlB);

        try (GameLiftClient client = SidecarJar.gameLift(controlA, "AKID", "secret")) {
            SidecarJar.awaitTrue(() -> client.describePlayerSessions(request -> request.playerId("player-1"))
                    .playerSessions().size() == 2, 5, "both sessions listed through the first agent");
            var listed = client.describePlayerSessions(request -> request.playerId("player-1").limit(1));
            assertEquals(onA.playerSessionId(), listed.playerSessions().get(0).playerSessionId());
            // The next page through the other agent: a fleet's NextToken is good at any agent.
            try (GameLiftClient other = SidecarJar.gameLift(controlB, "AKID", "secret")) {
                var next = other.describePlayerSessions(request -> request.playerId("player-1").limit(1)
                        .nextToken(listed.nextToken()));
                assertEquals(onB.playerSessionId(), next.playerSessions().get(0).playerSessionId());
                assertEquals(playerB, next.playerSessions().get(0).port(), "where B's players connect");
                assertEquals(null, next.nextToken());
            }
            // By id, through the agent that does not hold them.
            var game = client.describeGameSessions(request -> request.gameSessionId(onB.gameSessionId()))
                    .gameSessions().get(0);
            assertEquals(playerB, game.port());
            assertEquals(1, game.currentPlayerSessionCount());
            var player = client.describePlayerSessions(request -> request.playerSessionId(onB.playerSessionId()))
                    .playerSessions();
            assertEquals(List.of(onB.gameSessionId()), player.stream().map(p -> p.gameSessionId()).toList());
            assertThrows(software.amazon.awssdk.services.gamelift.model.NotFoundException.class,
                    () -> client.describeGameSessions(request -> request.gameSessionId("gsess-nowhere")));
        }
    }

    @Test
    void anAgentCutOffFromRedisIsUnreadyAndReadyAgainWhenRedisReturns() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process agent = start(controlPort, "--agent-id", "game-1", "--fleet-heartbeat-timeout", "3s");
        SidecarJar.awaitReady(agent, controlPort);
        Reserved before = reserve(controlPort);
        int port = redis.port();

        redis.close();
        awaitReadyz(controlPort, 503);
        assertTrue(metrics(controlPort).contains("ticketgate_fleet_reachable 0.0"), metrics(controlPort));
        try (GameLiftClient client = SidecarJar.gameLift(controlPort, "AKID", "secret")) {
            long asked = System.nanoTime();
            GameLiftException failed = assertThrows(GameLiftException.class,
                    () -> client.describePlayerSessions(request -> request.playerId("player-1")));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertEquals(500, failed.statusCode());
            assertEquals("InternalServiceException", failed.awsErrorDetails().errorCode());
            assertTrue(tookMillis <= 2_500, "answered after " + tookMillis + " ms");
            // A reservation needs the fleet: refused at once, even on this agent's own game session.
            asked = System.nanoTime();
            failed = assertThrows(GameLiftException.class, () -> client.createPlayerSession(request -> request
                    .gameSessionId(before.gameSessionId()).playerId("player-2")));
            tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
            assertEquals("InternalServiceException", failed.awsErrorDetails().errorCode());
            assertTrue(tookMillis <= 2_500, "answered after " + tookMillis + " ms");
        }

        redis = RedisServer.start(port);
        awaitReadyz(controlPort, 200);
        assertTrue(metrics(controlPort).contains("ticketgate_fleet_reachable 1.0"), metrics(controlPort));
        // This Redis came back empty: the agent copies its sessions to it again.
        RedisClient inspector = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> inspection = inspector.connect()) {
            SidecarJar.awaitTrue(() -> inspection.sync().hexists("tg:{" + before.gameSessionId() + "}:players",
                    before.playerSessionId()), 5, "the reservation copied to the new Redis");
        } finally {
            inspector.shutdown();
        }
    }

    /** Polls /readyz until it answers {@code status}: the heartbeat runs on the agent's own schedule. */
    private static void awaitReadyz(int controlPort, int status) {
        SidecarJar.awaitTrue(() -> SidecarJar.readyz(controlPort) == status, 30, "/readyz answering " + status);
    }

    private static String metrics(int controlPort) throws Exception {
        try (var in = URI.create("http://127.0.0.1:" + controlPort + "/metrics").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRedisThatDoesNotAnswerStopsStartUpWithOneLine() throws Exception {
        int port = redis.port();
        redis.close();

        Finished run = run("--agent-id", "game-1");

        assertEquals(2, run.exitCode(), run.output());
        String line = run.output().strip();
        assertTrue(line.startsWith("ticketgate: cannot join the fleet fleet-local: cannot reach the fleet's Redis at"
                + " redis://127.0.0.1:" + port + "/0"), line);
        assertTrue(line.endsWith("(check --fleet-redis)") && !line.contains("\n"), line);
        redis = RedisServer.start(port);
    }

    private Process start(int controlPort, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--upstream", "127.0.0.1:1",
                "--control-port", Integer.toString(controlPort), "--fleet-redis", redis.uri()));
        if (!List.of(args).contains("--player-port")) {
            all.addAll(List.of("--player-port", "0"));
        }
        all.addAll(List.of(args));
        Process process = SidecarJar.command(directory, List.of(ONE_JVM), all)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("agent-" + started.size() + ".log").toFile())
                .start();
        started.add(process);
        return process;
    }

    private Finished run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--upstream", "127.0.0.1:1", "--player-port", "0",
                "--control-port", "0", "--fleet-redis", "redis://127.0.0.1:" + redis.port(),
                "--log-format", "json"));
        all.addAll(List.of(args));
        Path err = Files.createTempFile(directory, "err", ".txt");
        Process process = SidecarJar.command(directory, List.of(ONE_JVM), all)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the agent did not exit");
        return new Finished(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Finished(int exitCode, String output) {
    }

    private record Reserved(String gameSessionId, String playerSessionId) {
    }

    /** A game session for two and one player's reservation in it, through the agent's control API. */
    private static Reserved reserve(int controlPort) {
        try (GameLiftClient client = SidecarJar.gameLift(controlPort, "AKID", "secret")) {
            String gameSessionId = client.createGameSession(request -> request.fleetId("fleet-local")
                    .maximumPlayerSessionCount(2)).gameSession().gameSessionId();
            return new Reserved(gameSessionId, client.createPlayerSession(request -> request
                    .gameSessionId(gameSessionId).playerId("player-1")).playerSession().playerSessionId());
        }
    }
}
