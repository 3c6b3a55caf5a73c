package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertCborError;
import static io.ticketgate.agent.control.ControlApiClient.assertCborOk;
import static io.ticketgate.agent.control.ControlApiClient.members;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.TicketgateListener;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The GET endpoints beside the operations: liveness, readiness, and metrics in the Prometheus text format. */
@Timeout(30)
class ControlEndpointsTest {

    private static final String FLEET = "fleet-local";
    private static final Pattern SAMPLE = Pattern.compile("^(\\S+?)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    private static TicketgateAgent agent;
    private static ControlApiClient client;

    /** Echoes what an admitted player sends: a round trip proves the handshake's bookkeeping is done. */
    private static final TicketgateListener ECHO = (session, connection) -> {
        connection.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                ctx.writeAndFlush(msg.retain());
            }
        });
        return Admission.accepted();
    };

    @BeforeAll
    static void startAgent() {
        agent = ControlApiClient.startAgent(ECHO);
        client = new ControlApiClient(agent.controlPort());
    }

    @AfterAll
    static void stopAgent() {
        agent.stop();
    }

    @Test
    void healthzAndReadyzAre200WhileTheAgentRuns() {
        for (String path : List.of("/healthz", "/readyz")) {
            HttpResponse<byte[]> response = client.get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
            ControlApiClient.assertRequestId(response);
        }
        assertEquals("ok\n", new String(client.get("/healthz").body(), StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownGetIsA404WithAType() {
        HttpResponse<byte[]> response = client.get("/status");
        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", ControlApiClient.jsonBody(response).path("__type").asText());
        ControlApiClient.assertRequestId(response);
    }

    @Test
    void metricsCountGameSessionsAndReservationsByStatus() {
        String before = scrape();
        String gameId = createGameSession(5);
        assertCborOk(client.cbor("CreatePlayerSessions",
                members("GameSessionId", gameId, "PlayerIds", List.of("m1", "m2", "m3"))));
        String after = scrape();

        assertEquals(3, sample(after, "ticketgate_player_sessions{status=\"RESERVED\"}")
                - sample(before, "ticketgate_player_sessions{status=\"RESERVED\"}"));
        assertEquals(1, sample(after, "ticketgate_game_sessions{status=\"ACTIVE\"}")
                - sample(before, "ticketgate_game_sessions{status=\"ACTIVE\"}"));
        assertEquals(0, sample(after, "ticketgate_game_sessions{status=\"TERMINATED\"}")
                - sample(before, "ticketgate_game_sessions{status=\"TERMINATED\"}"));
        assertEquals(1, sample(after, "ticketgate_control_requests_total{error=\"none\",operation=\"CreateGameSession\"}")
                - sampleOrZero(before, "ticketgate_control_requests_total{error=\"none\",operation=\"CreateGameSession\"}"));
    }

    @Test
    void metricsCountAnAcceptedHandshakeItsLatencyAndTheOpenConnection() throws Exception {
        String gameId = createGameSession(2);
        String playerSessionId = assertCborOk(client.cbor("CreatePlayerSession",
                members("GameSessionId", gameId, "PlayerId", "connecting"))).path("PlayerSession")
                .path("PlayerSessionId").asText();
        String before = scrape();

        try (TgtConnection connection = TgtClient.connect("127.0.0.1", agent.playerPort(), playerSessionId)) {
            assertEquals(ResultCode.ACCEPTED, connection.code());
            // The agent counts the handshake on the player's event loop right after sending RESULT;
            // the echo comes back only after that, so the count is in by then.
            connection.output().write('!');
            connection.output().flush();
            assertEquals('!', connection.input().read());
            String after = scrape();

            assertEquals(1, sample(after, "ticketgate_handshakes_total{result=\"ACCEPTED\"}")
                    - sample(before, "ticketgate_handshakes_total{result=\"ACCEPTED\"}"));
            assertEquals(1, sample(after, "ticketgate_handshake_latency_seconds_count{outcome=\"accepted\"}")
                    - sample(before, "ticketgate_handshake_latency_seconds_count{outcome=\"accepted\"}"));
            assertEquals(1, sample(after, "ticketgate_handshake_latency_seconds_bucket{outcome=\"accepted\",le=\"+Inf\"}")
                    - sample(before, "ticketgate_handshake_latency_seconds_bucket{outcome=\"accepted\",le=\"+Inf\"}"));
            assertTrue(after.lines().filter(line -> line.startsWith("ticketgate_handshake_latency_seconds_bucket{"))
                    .count() > 10, "a histogram, not only a count");
            assertEquals(1, sample(after, "ticketgate_player_connections"));
            assertEquals(1, sample(after, "ticketgate_player_sessions{status=\"ACTIVE\"}")
                    - sample(before, "ticketgate_player_sessions{status=\"ACTIVE\"}"));
            assertEquals(-1, sample(after, "ticketgate_player_sessions{status=\"RESERVED\"}")
                    - sample(before, "ticketgate_player_sessions{status=\"RESERVED\"}"));
        }
    }

    @Test
    void everyGaugeSurvivesAGarbageCollection() {
        // Micrometer holds a gauge's object weakly; one held by nothing else reads NaN once collected.
        System.gc();
        String scrape = scrape();
        for (String series : List.of("ticketgate_player_connections", "ticketgate_player_sessions{status=\"RESERVED\"}",
                "ticketgate_game_sessions{status=\"ACTIVE\"}")) {
            assertFalse(Double.isNaN(sample(scrape, series)), series);
        }
    }

    @Test
    void metricsCountControlErrorsByOperationAndType() {
        String series = "ticketgate_control_requests_total{error=\"NotFoundException\",operation=\"CreatePlayerSession\"}";
        double before = sampleOrZero(scrape(), series);
        assertCborError(client.cbor("CreatePlayerSession", members(
                "GameSessionId", "arn:aws:gamelift:local::gamesession/fleet-local/none", "PlayerId", "p1")),
                "NotFoundException");
        assertCborError(client.cbor("CreatePlayerSession", members(
                "GameSessionId", "arn:aws:gamelift:local::gamesession/fleet-local/none", "PlayerId", "p1")),
                "NotFoundException");
        assertEquals(2, sample(scrape(), series) - before);
    }

    @Test
    void readyzIs503WhileTheAgentStops() throws Exception {
        // stop() marks the agent stopped, completes every session, then closes player connections
        // and waits for the player event loops before it closes the control port. The disconnect
        // callback runs on that loop (Runnable::run), so its /readyz lands in between, every time.
        AtomicInteger controlPort = new AtomicInteger();
        AtomicInteger readyzWhileStopping = new AtomicInteger();
        TicketgateListener listener = new TicketgateListener() {
            @Override
            public CompletionStage<Admission> onPlayerAccepted(PlayerSession session, PlayerConnection connection) {
                return Admission.accepted();
            }

            @Override
            public void onPlayerDisconnected(PlayerSession session, DisconnectReason reason) {
                if (reason == DisconnectReason.AGENT_STOPPED) {
                    readyzWhileStopping.set(new ControlApiClient(controlPort.get()).get("/readyz").statusCode());
                }
            }
        };
        TicketgateAgent stopping = TicketgateAgent.builder()
                .playerPort(0)
                .playerBindAddress("127.0.0.1")
                .controlPort(0)
                .listener(listener)
                .callbackExecutor(Runnable::run)
                .build()
                .start();
        try {
            controlPort.set(stopping.controlPort());
            ControlApiClient own = new ControlApiClient(controlPort.get());
            assertEquals(200, own.get("/readyz").statusCode());
            String gameId = assertCborOk(own.cbor("CreateGameSession",
                    members("FleetId", FLEET, "MaximumPlayerSessionCount", 1))).path("GameSession")
                    .path("GameSessionId").asText();
            String playerSessionId = assertCborOk(own.cbor("CreatePlayerSession",
                    members("GameSessionId", gameId, "PlayerId", "p1"))).path("PlayerSession")
                    .path("PlayerSessionId").asText();
            try (TgtConnection connection = TgtClient.connect("127.0.0.1", stopping.playerPort(), playerSessionId)) {
                assertEquals(ResultCode.ACCEPTED, connection.code());
                stopping.stop();
            }
        } finally {
            stopping.stop();
        }
        assertEquals(503, readyzWhileStopping.get());
    }

    @Test
    void readyzFollowsTheReadinessItIsGiven() {
        AtomicBoolean ready = new AtomicBoolean(true);
        ControlEndpoints endpoints = new ControlEndpoints(ready::get, () -> "# metrics\n");
        assertEquals(HttpResponseStatus.OK, endpoints.get("/readyz").status());
        ready.set(false);
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, endpoints.get("/readyz").status());
        assertEquals(HttpResponseStatus.OK, endpoints.get("/healthz").status(), "alive, if not ready");
        ready.set(true);
        assertEquals(HttpResponseStatus.OK, endpoints.get("/readyz").status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", endpoints.get("/metrics").contentType());
        assertEquals("# metrics\n", endpoints.get("/metrics").body());
        assertNull(endpoints.get("/ready"));
    }

    // ------------------------------------------------------------------ helpers

    private static String createGameSession(int maximumPlayers) {
        return assertCborOk(client.cbor("CreateGameSession",
                members("FleetId", FLEET, "MaximumPlayerSessionCount", maximumPlayers)))
                .path("GameSession").path("GameSessionId").asText();
    }

    private static String scrape() {
        HttpResponse<byte[]> response = client.get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(null));
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The value of one series, named with its labels exactly as the exposition writes them. */
    private static double sample(String scrape, String series) {
        Double value = find(scrape, series);
        assertTrue(value != null, () -> series + " in\n" + scrape);
        return value;
    }

    private static double sampleOrZero(String scrape, String series) {
        Double value = find(scrape, series);
        return value == null ? 0 : value;
    }

    private static Double find(String scrape, String series) {
        Matcher matcher = SAMPLE.matcher(scrape);
        while (matcher.find()) {
            String name = matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2));
            if (name.equals(series)) {
                return Double.parseDouble(matcher.group(3));
            }
        }
        return null;
    }
}
