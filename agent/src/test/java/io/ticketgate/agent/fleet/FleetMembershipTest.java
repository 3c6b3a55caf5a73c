package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FleetMembershipTest {

    private static final String FLEET = "fleet-test";
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    private static final String LISTING = "{\"IpAddress\":\"127.0.0.1\",\"Port\":7777,\"MaxGameSessions\":2}";

    private RedisServer redis;
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
        inspector = RedisClient.create(redis.uri());
        inspection = inspector.connect();
    }

    @AfterEach
    void stopRedis() throws Exception {
        inspection.close();
        inspector.shutdown();
        redis.close();
    }

    @Test
    void anAgentIdIsHeldByOneLiveAgentAndFreedWhenItCloses() throws Exception {
        try (FleetConnection first = FleetConnection.open(settings("agent-a"));
                FleetConnection second = FleetConnection.open(settings("agent-a"))) {
            FleetMembership holder = FleetMembership.join(first, settings("agent-a"), LISTING);

            AgentIdTakenException refused = assertThrows(AgentIdTakenException.class,
                    () -> FleetMembership.join(second, settings("agent-a"), LISTING));
            assertTrue(refused.getMessage().contains("agent id agent-a is already live in " + FLEET),
                    refused.getMessage());
            assertEquals(LISTING, redis().hget("tg:{" + FLEET + "}:agents", "agent-a"));

            holder.close();
            assertEquals(0, redis().exists("tg:{" + FLEET + "}:agent:agent-a"));
            assertEquals(null, redis().hget("tg:{" + FLEET + "}:agents", "agent-a"));
            FleetMembership.join(second, settings("agent-a"), LISTING).close();
        }
    }

    @Test
    void aRestartWithTheTokenItsDataDirKeptTakesItsClaimBackAtOnce() throws Exception {
        try (FleetConnection killed = FleetConnection.open(settings("agent-a"));
                FleetConnection restarted = FleetConnection.open(settings("agent-a"));
                FleetConnection other = FleetConnection.open(settings("agent-a"))) {
            String kept = FleetInstance.fresh();
            FleetMembership.join(killed, settings("agent-a"), LISTING, kept);
            // SIGKILL: no release, the claim still live. The restart presents the kept token.
            FleetMembership back = FleetMembership.join(restarted, settings("agent-a"), LISTING, kept);

            assertEquals(kept, redis().get("tg:{" + FLEET + "}:agent:agent-a"));
            assertThrows(AgentIdTakenException.class, () -> FleetMembership.join(other, settings("agent-a"), LISTING,
                    FleetInstance.fresh()));
            back.close();
        }
    }

    @Test
    void theDataDirKeepsOneTokenAcrossRestarts(@TempDir Path dataDir) {
        String first = FleetInstance.keptIn(dataDir);

        assertEquals(first, FleetInstance.keptIn(dataDir));
        assertEquals(32, first.length());
    }

    @Test
    void anAgentFindsItsRedisThroughSentinel() throws Exception {
        try (RedisServer sentinel = RedisServer.startSentinel(redis, "ticketgate")) {
            String uri = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#ticketgate";
            FleetSettings throughSentinel = new FleetSettings(uri, FLEET, "agent-s", 2, HEARTBEAT_TIMEOUT);
            assertEquals(uri, throughSentinel.redisForLog());
            try (FleetConnection connection = FleetConnection.open(throughSentinel);
                    FleetCalls calls = FleetCalls.open(connection, throughSentinel)) {
                FleetMembership member = FleetMembership.join(connection, throughSentinel, LISTING);

                // Written to the master the sentinel named.
                assertEquals(LISTING, redis().hget("tg:{" + FLEET + "}:agents", "agent-s"));
                assertEquals(FleetMembership.Status.MEMBER, member.heartbeat().toCompletableFuture().get());
                member.close();
            }
        }
    }

    @Test
    void theClaimExpiresWithTheHeartbeatTimeoutUnlessRenewed() throws Exception {
        try (FleetConnection connection = FleetConnection.open(settings("agent-a"))) {
            FleetMembership member = FleetMembership.join(connection, settings("agent-a"), LISTING);
            String key = "tg:{" + FLEET + "}:agent:agent-a";
            long ttl = redis().pttl(key);
            assertTrue(ttl > 0 && ttl <= HEARTBEAT_TIMEOUT.toMillis(), "TTL " + ttl);

            // What a killed agent leaves: a claim that only its TTL ends.
            redis().pexpire(key, 1);
            assertEquals(FleetMembership.Status.MEMBER, member.heartbeat().toCompletableFuture().get());
            long renewed = redis().pttl(key);
            assertTrue(renewed > HEARTBEAT_TIMEOUT.toMillis() / 2, "the lapsed claim was taken again: TTL " + renewed);
            member.close();
        }
    }

    @Test
    void anotherAgentThatTookTheIdWhileThisOneWasCutOffKeepsIt() throws Exception {
        try (FleetConnection connection = FleetConnection.open(settings("agent-a"))) {
            FleetMembership member = FleetMembership.join(connection, settings("agent-a"), LISTING);
            redis().set("tg:{" + FLEET + "}:agent:agent-a", "someone-else");

            assertEquals(FleetMembership.Status.ID_TAKEN, member.heartbeat().toCompletableFuture().get());
            assertEquals(FleetMembership.Status.ID_TAKEN, member.status());
            member.close();
            assertEquals("someone-else", redis().get("tg:{" + FLEET + "}:agent:agent-a"));
        }
    }

    @Test
    void aRedisThatStopsMakesTheHeartbeatSayUnreachableAndItRejoinsWhenRedisReturns() throws Exception {
        try (FleetConnection connection = FleetConnection.open(settings("agent-a"))) {
            FleetMembership member = FleetMembership.join(connection, settings("agent-a"), LISTING);
            int port = redis.port();
            inspection.close();
            redis.close();

            long start = System.nanoTime();
            assertEquals(FleetMembership.Status.UNREACHABLE, member.heartbeat().toCompletableFuture().get());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis <= FleetSettings.COMMAND_TIMEOUT.toMillis() + 500, "took " + tookMillis + " ms");

            // Back empty (no persistence): the next heartbeats claim the id again once Lettuce reconnected.
            redis = RedisServer.start(port);
            inspection = inspector.connect();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (member.heartbeat().toCompletableFuture().get() != FleetMembership.Status.MEMBER) {
                assertTrue(System.nanoTime() < deadline, "never rejoined after Redis came back");
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertEquals(LISTING, redis().hget("tg:{" + FLEET + "}:agents", "agent-a"));
            member.close();
        }
    }

    @Test
    void anUnreachableRedisFailsTheJoinWithinTheCommandTimeout() throws Exception {
        int port = redis.port();
        inspection.close();
        redis.close();
        FleetSettings nowhere = new FleetSettings("redis://127.0.0.1:" + port, FLEET, "agent-a", 1, HEARTBEAT_TIMEOUT);

        FleetUnreachableException failure = assertThrows(FleetUnreachableException.class,
                () -> FleetConnection.open(nowhere));
        assertTrue(failure.getMessage().startsWith("cannot reach the fleet's Redis at redis://127.0.0.1:" + port),
                failure.getMessage());
        redis = RedisServer.start(port);
        inspection = inspector.connect();
    }

    private RedisCommands<String, String> redis() {
        return inspection.sync();
    }

    private FleetSettings settings(String agentId) {
        return new FleetSettings(redis.uri(), FLEET, agentId, 2, HEARTBEAT_TIMEOUT);
    }
}
