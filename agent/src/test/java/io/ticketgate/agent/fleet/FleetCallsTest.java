package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.control.FleetUnavailableException;
import io.ticketgate.agent.control.PeerOperations;
import io.ticketgate.agent.control.PeerRefusal;
import io.ticketgate.agent.store.SessionStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class FleetCallsTest {

    private static final String FLEET = "fleet-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedisServer redis;
    private FleetConnection asking;
    private FleetConnection holding;
    private FleetCalls caller;
    private FleetCalls holder;
    private SessionStore store;

    @BeforeEach
    void startTwoAgents() throws Exception {
        redis = RedisServer.start();
        asking = FleetConnection.open(settings("agent-a"));
        holding = FleetConnection.open(settings("agent-b"));
        caller = FleetCalls.open(asking, settings("agent-a"));
        holder = FleetCalls.open(holding, settings("agent-b"));
        store = MirroredStore.of(FLEET, new FleetMirror(holding, settings("agent-b"), "{}", MirroredStore.RETENTION));
    }

    @AfterEach
    void stop() throws Exception {
        caller.close();
        holder.close();
        asking.close();
        holding.close();
        redis.close();
    }

    @Test
    void anOperationRunsAtTheAgentHoldingTheGameSession() throws Exception {
        holder.serve(new PeerOperations(store));
        String game = store.createGameSession(CreateGameSessionRequest.builder(1).build()).gameSessionId();

        JsonNode answer = caller.call("agent-b", "CreatePlayerSession",
                JSON.createObjectNode().put("GameSessionId", game).put("PlayerId", "player-1"));

        String playerSessionId = answer.path("PlayerSession").path("PlayerSessionId").asText();
        assertEquals(PlayerSessionStatus.RESERVED, store.playerSession(playerSessionId).orElseThrow().status());
        assertEquals("player-1", answer.path("PlayerSession").path("PlayerId").asText());
        // The holder decides capacity: the second player does not fit, and the caller gets its refusal.
        PeerRefusal full = assertThrows(PeerRefusal.class, () -> caller.call("agent-b", "CreatePlayerSession",
                JSON.createObjectNode().put("GameSessionId", game).put("PlayerId", "player-2")));
        assertEquals("GameSessionFullException", full.errorType());
    }

    @Test
    void anAgentThatTakesNoCallsFailsTheCallAtOnce() {
        FleetUnavailableException refused = assertThrows(FleetUnavailableException.class,
                () -> caller.call("agent-b", "CreatePlayerSession", JSON.createObjectNode()));

        assertTrue(refused.getMessage().contains("agent agent-b, which holds the game session, does not take calls"),
                refused.getMessage());
    }

    @Test
    void anAgentThatDoesNotAnswerFailsTheCallWithinTheCommandTimeout() throws Exception {
        // Subscribed to agent-b's calls, but nobody answers them.
        try (FleetConnection silent = FleetConnection.open(settings("agent-b"))) {
            silent.subscribe().sync().subscribe("tg:{" + FLEET + "}:agent:agent-b:calls");
            long started = System.nanoTime();

            FleetUnavailableException refused = assertThrows(FleetUnavailableException.class,
                    () -> caller.call("agent-b", "CreatePlayerSession", JSON.createObjectNode()));

            assertTrue(refused.getMessage().contains("did not answer CreatePlayerSession"), refused.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0);
        }
    }

    private FleetSettings settings(String agentId) {
        return new FleetSettings(redis.uri(), FLEET, agentId, 2, Duration.ofSeconds(10));
    }
}
