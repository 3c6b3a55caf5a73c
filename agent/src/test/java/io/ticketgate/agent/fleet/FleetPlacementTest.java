package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.control.FleetCapacityExceededException;
import io.ticketgate.agent.control.SessionsElsewhere.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FleetPlacementTest {

    private static final String FLEET = "fleet-test";

    private RedisServer redis;
    private FleetConnection connection;
    private final List<FleetMembership> members = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
        connection = FleetConnection.open(settings("agent-a", 2));
    }

    @AfterEach
    void stopRedis() throws Exception {
        members.forEach(FleetMembership::close);
        connection.close();
        redis.close();
    }

    @Test
    void eachGameSessionGoesToALiveAgentWithTheFewestUntilNoneHasRoom() throws Exception {
        join("agent-a", 2);
        join("agent-b", 2);
        join("agent-c", 1);
        FleetPlacement placement = new FleetPlacement(connection, settings("agent-a", 2), 60_000);

        Map<String, Integer> placed = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            Placement chosen = placement.place(null);
            String agent = chosen.agentId() == null ? "agent-a" : chosen.agentId();
            placed.merge(agent, 1, Integer::sum);
            chosen.created("game-" + i);
            // Fewest first: after three, each agent has one.
            if (i == 2) {
                assertEquals(Map.of("agent-a", 1, "agent-b", 1, "agent-c", 1), placed);
            }
        }

        assertEquals(Map.of("agent-a", 2, "agent-b", 2, "agent-c", 1), placed);
        FleetCapacityExceededException full = assertThrows(FleetCapacityExceededException.class,
                () -> placement.place(null));
        assertTrue(full.getMessage().contains("no live agent of fleet " + FLEET + " has room"), full.getMessage());
    }

    @Test
    void concurrentCreatesThroughManyAgentsNeverOverfillOne() throws Exception {
        join("agent-a", 3);
        join("agent-b", 2);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                // Each as if through another agent: its own placement, all on one Redis.
                FleetPlacement through = new FleetPlacement(connection, settings("agent-x" + i, 1), 60_000);
                Callable<String> create = () -> {
                    try {
                        return through.place(null).agentId();
                    } catch (FleetCapacityExceededException e) {
                        return "full";
                    }
                };
                attempts.add(callers.submit(create));
            }
            Map<String, Integer> outcomes = new HashMap<>();
            for (Future<String> attempt : attempts) {
                outcomes.merge(attempt.get(), 1, Integer::sum);
            }
            assertEquals(Map.of("agent-a", 3, "agent-b", 2, "full", 15), outcomes);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aDeadAgentGetsNothingAndAFailedCreateGivesItsPlaceBack() throws Exception {
        join("agent-a", 1);
        FleetMembership leaving = join("agent-b", 5);
        leaving.close();
        members.remove(leaving);
        FleetPlacement placement = new FleetPlacement(connection, settings("agent-c", 1), 60_000);

        Placement first = placement.place(null);
        assertEquals("agent-a", first.agentId());
        first.failed(new IllegalStateException("the agent did not answer"));
        Placement again = placement.place(null);
        assertEquals("agent-a", again.agentId());
        again.created("game-1");

        assertThrows(FleetCapacityExceededException.class, () -> placement.place(null));
    }

    @Test
    void aCustomIdGoesWhereItWentBeforeSoARetryIsAnsweredThere() throws Exception {
        join("agent-a", 1);
        join("agent-b", 1);
        FleetPlacement placement = new FleetPlacement(connection, settings("agent-c", 1), 60_000);

        Placement first = placement.place("match-42");
        first.created("arn:aws:gamelift:local::gamesession/" + FLEET + "/match-42");

        // Even with no room left anywhere, the retry goes to the same agent, which answers for it.
        placement.place(null).created("game-2");
        assertEquals(first.agentId(), placement.place("match-42").agentId());
    }

    private FleetMembership join(String agentId, int maxGameSessions) throws Exception {
        FleetMembership member = FleetMembership.join(connection, settings(agentId, maxGameSessions),
                "{\"AgentId\":\"" + agentId + "\",\"IpAddress\":\"127.0.0.1\",\"Port\":7777,\"MaxGameSessions\":"
                        + maxGameSessions + "}");
        members.add(member);
        return member;
    }

    private FleetSettings settings(String agentId, int maxGameSessions) {
        return new FleetSettings(redis.uri(), FLEET, agentId, maxGameSessions, Duration.ofSeconds(10));
    }
}
