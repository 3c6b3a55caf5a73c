package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoreSettings;
import io.ticketgate.agent.time.AgentClock;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * In a fleet, an operation on a game session another agent holds runs there: the answer the
 * caller gets is the one that agent's store gave, written in the caller's format as if local.
 */
class PassedOnOperationsTest {

    private static final ObjectMapper JSON_TREES = new ObjectMapper();

    private final SessionStore here = store();
    private final SessionStore there = store();
    private final List<String> calls = new ArrayList<>();
    private final GameLiftOperations operations = new GameLiftOperations(here, new SessionsElsewhere() {
        @Override
        public List<PlayerSession> ofPlayer(String playerId) {
            return List.of();
        }

        @Override
        public Optional<String> holder(String gameSessionId) {
            return there.gameSession(gameSessionId).isPresent() ? Optional.of("agent-b") : Optional.empty();
        }

        @Override
        public JsonNode call(String agentId, String operation, JsonNode input) {
            calls.add(agentId + " " + operation);
            try {
                return new PeerOperations(there).run(operation, input);
            } catch (TicketgateException e) {
                throw new PeerRefusal(e.errorType(), e.getMessage());
            }
        }
    });

    @Test
    void aReservationOnAnotherAgentsGameSessionIsMadeThereAndAnsweredInEitherFormat() throws Exception {
        String game = there.createGameSession(CreateGameSessionRequest.builder(1).build()).gameSessionId();

        Object answer = operations.invoke("CreatePlayerSession", Members.of(JSON_TREES.createObjectNode()
                .put("GameSessionId", game).put("PlayerId", "player-1")));

        assertEquals(List.of("agent-b CreatePlayerSession"), calls);
        Shapes.PlayerSessionShape session = ((Shapes.PlayerSessionOutput) answer).playerSession();
        // The wire carries milliseconds, in both formats.
        assertEquals(there.playerSession(session.playerSessionId()).orElseThrow().creationTime()
                .truncatedTo(ChronoUnit.MILLIS), session.creationTime());
        // What either format writes is what it would write for the same answer made here.
        Shapes.PlayerSessionOutput local = new Shapes.PlayerSessionOutput(Shapes.PlayerSessionShape.of(
                there.playerSession(session.playerSessionId()).orElseThrow()));
        assertArrayEquals(new RpcV2CborFormat().write(local), new RpcV2CborFormat().write(answer));
        assertArrayEquals(new AwsJson11Format().write(local), new AwsJson11Format().write(answer));
        assertEquals(0, here.describePlayerSessions(DescribePlayerSessionsRequest
                .byPlayer("player-1")).items().size());
    }

    @Test
    void theHoldersRefusalReachesTheCallerWithItsName() {
        String game = there.createGameSession(CreateGameSessionRequest.builder(0).build()).gameSessionId();

        TicketgateException refused = assertThrows(TicketgateException.class, () -> operations.invoke(
                "CreatePlayerSession", Members.of(JSON_TREES.createObjectNode().put("GameSessionId", game)
                        .put("PlayerId", "player-1"))));

        assertEquals("GameSessionFullException", refused.errorType());
    }

    @Test
    void aGameSessionHeldHereIsNeverPassedOn() {
        String game = here.createGameSession(CreateGameSessionRequest.builder(1).build()).gameSessionId();

        operations.invoke("CreatePlayerSession", Members.of(JSON_TREES.createObjectNode()
                .put("GameSessionId", game).put("PlayerId", "player-1")));

        assertEquals(List.of(), calls);
    }

    private static SessionStore store() {
        return new SessionStore(new StoreSettings("fleet-local", "local", "000000000000", "127.0.0.1", null, 7777,
                Duration.ofSeconds(60), Duration.ZERO, Duration.ofDays(1), 10_000, 1_000, 1_000,
                GameSessionActivation.AUTO, 50), new AgentClock(Clock.systemUTC(), System::nanoTime),
                Scheduler.disabledScheduler(), Runnable::run, SessionEventSink.NONE);
    }
}
