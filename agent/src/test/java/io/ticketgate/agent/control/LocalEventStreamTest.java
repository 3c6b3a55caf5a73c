package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.AgentInternals;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.control.EventStreamClient.Event;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /local/v1/events}: what a game server beside the agent learns, in order, without polling. */
@Timeout(60)
class LocalEventStreamTest {

    private final FakeTime time = new FakeTime();
    private final long firstEventId = EventHub.firstIdAt(time);
    private TicketgateAgent agent;
    private ControlApiClient client;

    @BeforeEach
    void startAgent() {
        agent = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .playerBindAddress("127.0.0.1")
                .clock(time)
                .ticker(time)
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
        client = new ControlApiClient(agent.controlPort());
    }

    @AfterEach
    void stopAgent() {
        agent.stop();
    }

    @Test
    void aSubscriberHearsEveryChangeInOrderWithPlayerDataOnlyOnActivation() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), null)) {
            assertEquals(200, stream.status);
            assertEquals("text/event-stream", stream.headers.get("content-type"));
            assertEquals("no-cache", stream.headers.get("cache-control"));
            List<Event> events = new ArrayList<>();

            String gameSessionId = ControlApiClient.jsonBody(client.json("CreateGameSession",
                    "{\"FleetId\": \"fleet-local\", \"MaximumPlayerSessionCount\": 4}"))
                    .path("GameSession").path("GameSessionId").asText();
            events.add(stream.next("game-session-created"));
            events.add(stream.next("game-session-activated"));
            String played = agent.reservePlayerSession(gameSessionId, "player-1", "pd-1").playerSessionId();
            events.add(stream.next("player-session-reserved"));
            try (TgtConnection connection = TgtClient.connect("127.0.0.1", agent.playerPort(), played)) {
                assertTrue(connection.accepted(), () -> "CONNECT: " + connection);
                events.add(stream.next("player-session-activated"));
            }
            events.add(stream.next("player-session-completed"));
            String idle = agent.reservePlayerSession(gameSessionId, "player-2", "pd-2").playerSessionId();
            events.add(stream.next("player-session-reserved"));
            time.advance(Duration.ofSeconds(61));
            AgentInternals.runMaintenance(agent);
            events.add(stream.next("player-session-timed-out"));
            String kept = agent.reservePlayerSession(gameSessionId, "player-3", "pd-3").playerSessionId();
            events.add(stream.next("player-session-reserved"));
            post("/local/v1/game-sessions/end", "{\"GameSessionId\": \"" + gameSessionId + "\"}");
            events.add(stream.next("player-session-completed"));
            events.add(stream.next("game-session-ended"));

            assertEquals(firstEventId, events.get(0).id());
            assertConsecutiveIds(events);
            for (Event event : events) {
                boolean activated = event.type().equals("player-session-activated");
                assertEquals(activated, event.data().path("PlayerSession").has("PlayerData"), () -> "" + event);
            }
            assertEquals(gameSessionId, events.get(0).data().path("GameSession").path("GameSessionId").asText());
            assertEquals("ACTIVE", events.get(1).data().path("GameSession").path("Status").asText());
            assertEquals("pd-1", events.get(3).data().path("PlayerSession").path("PlayerData").asText());
            assertEquals(played, events.get(3).data().path("PlayerSession").path("PlayerSessionId").asText());
            assertEquals("CONNECTION_CLOSED", events.get(4).data().path("Reason").asText());
            assertEquals("COMPLETED", events.get(4).data().path("PlayerSession").path("Status").asText());
            assertEquals(idle, events.get(6).data().path("PlayerSession").path("PlayerSessionId").asText());
            assertEquals("TIMEDOUT", events.get(6).data().path("PlayerSession").path("Status").asText());
            assertEquals(kept, events.get(8).data().path("PlayerSession").path("PlayerSessionId").asText());
            assertEquals("GAME_SESSION_ENDED", events.get(8).data().path("Reason").asText());
            assertEquals("TERMINATED", events.get(9).data().path("GameSession").path("Status").asText());
            stream.assertQuiet(Duration.ofMillis(200));
        }
    }

    @Test
    void endingAGameSessionCompletesItsPlayersOnTheStream() throws Exception {
        String gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(2).build()).gameSessionId();
        String playerSessionId = agent.reservePlayerSession(gameSessionId, "player-1", null).playerSessionId();
        try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), null)) {
            post("/local/v1/game-sessions/end", "{\"GameSessionId\": \"" + gameSessionId + "\"}");
            Event completed = stream.next("player-session-completed");
            assertEquals(playerSessionId, completed.data().path("PlayerSession").path("PlayerSessionId").asText());
            assertEquals("GAME_SESSION_ENDED", completed.data().path("Reason").asText());
            Event ended = stream.next("game-session-ended");
            assertEquals(completed.id() + 1, ended.id());
        }
    }

    @Test
    void aClientReconnectingWithLastEventIdGetsExactlyWhatItMissedThenLiveEvents() throws Exception {
        String gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(10).build()).gameSessionId();
        long lastSeen;
        try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), firstEventId - 1)) {
            stream.next("game-session-created");
            lastSeen = stream.next("game-session-activated").id();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(agent.reservePlayerSession(gameSessionId, "player-" + i, null).playerSessionId());
        }
        try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), lastSeen)) {
            List<Event> events = new ArrayList<>();
            for (String playerSessionId : missed) {
                Event event = stream.next("player-session-reserved");
                assertEquals(playerSessionId, event.data().path("PlayerSession").path("PlayerSessionId").asText());
                events.add(event);
            }
            assertEquals(lastSeen + 1, events.get(0).id());
            agent.removePlayerSession(missed.get(0));
            events.add(stream.next("player-session-completed"));
            assertConsecutiveIds(events);
            stream.assertQuiet(Duration.ofMillis(200));
        }
    }

    @Test
    void aClientWhoseLastEventIsNoLongerKeptIsToldEventsWereLost() throws Exception {
        // Each game session's data is 256 Ki characters: a few fill the log's byte bound.
        String data = "d".repeat(262_144);
        for (int i = 0; i < 12; i++) {
            String id = agent.createGameSession(CreateGameSessionRequest.builder(1).gameSessionData(data).build())
                    .gameSessionId();
            agent.endGameSession(id);
        }
        long first = firstEventId;
        try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), first)) {
            Event lost = stream.next("events-lost");
            assertEquals(null, lost.id());
            assertEquals(first, lost.data().path("LastEventId").asLong());
            long oldest = lost.data().path("OldestEventId").asLong();
            assertTrue(oldest > first + 1, () -> "oldest kept " + oldest);
            List<Event> events = new ArrayList<>();
            for (long id = oldest; id <= first + 35; id++) {
                events.add(stream.next());
            }
            assertEquals(oldest, events.get(0).id());
            assertEquals(first + 35, events.get(events.size() - 1).id());
            assertConsecutiveIds(events);
            stream.assertQuiet(Duration.ofMillis(200));
        }
        // An id of an earlier run of the agent (a smaller one, as runs start their ids at their
        // start time) means everything this run kept is news; so does one beyond the last.
        for (long earlierOrUnknown : List.of(first - 1_000_000L, first + 1_000_000L)) {
            try (EventStreamClient stream = EventStreamClient.open(agent.controlPort(), earlierOrUnknown)) {
                stream.next("events-lost");
            }
        }
    }

    @Test
    void aStalledSubscriberNeitherBlocksTheStoreNorGrowsWithoutBound() throws Exception {
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", agent.controlPort()));
            stalled.getOutputStream().write("GET /local/v1/events HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            try (EventStreamClient live = EventStreamClient.open(agent.controlPort(), null)) {
                // About 50 MB of events, far past what the stalled one may fall behind.
                String data = "d".repeat(262_144);
                long slowest = 0;
                for (int i = 0; i < 64; i++) {
                    long start = System.nanoTime();
                    String id = agent.createGameSession(CreateGameSessionRequest.builder(1).gameSessionData(data)
                            .build()).gameSessionId();
                    agent.endGameSession(id);
                    slowest = Math.max(slowest, System.nanoTime() - start);
                    live.next("game-session-created");
                    live.next("game-session-activated");
                    live.next("game-session-ended");
                }
                assertTrue(slowest < Duration.ofSeconds(1).toNanos(), "slowest create and end took " + slowest + " ns");
                assertTrue(agent.reservePlayerSession(agent.createGameSession(CreateGameSessionRequest.builder(1)
                        .build()).gameSessionId(), "player", null) != null);
            }
            // The agent cut the stalled stream: reading it now ends, well short of the last event.
            stalled.setSoTimeout(10_000);
            byte[] all = readUntilClosed(stalled);
            assertTrue(all.length < 40 * 1024 * 1024, "the stalled stream held " + all.length + " bytes");
            assertFalse(new String(all, StandardCharsets.US_ASCII).contains("id: " + (firstEventId + 191) + "\n"),
                    "the last event");
        }
    }

    private void post(String path, String body) {
        int status = client.send(HttpRequest.newBuilder(client.uri(path))
                .timeout(ControlApiClient.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode();
        assertEquals(200, status);
    }

    /** Everything the server sent until it closed; a reset after a cut stream counts as the close. */
    private static byte[] readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = socket.getInputStream().read(buffer); n != -1; n = socket.getInputStream().read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // Connection reset: the server is gone all the same.
        }
        return all.toByteArray();
    }

    private static void assertConsecutiveIds(List<Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertEquals(events.get(i - 1).id() + 1, events.get(i).id(), "ids of " + events);
        }
    }
}
