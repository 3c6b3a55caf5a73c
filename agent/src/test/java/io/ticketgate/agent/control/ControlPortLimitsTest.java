package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.ControlApiClient.assertCborError;
import static io.ticketgate.agent.control.ControlApiClient.closedByServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.control.ControlApiClient.RawResponse;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control port holds nothing forever and hostile clients cost little: stalled requests get
 * a 408, idle and excess connections are closed, a client pipelining without reading makes the
 * agent hold one response, and a body of nested tags is refused without stopping anyone else.
 */
@Timeout(60)
class ControlPortLimitsTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private TicketgateAgent agent;
    private ControlApiClient client;

    private void start(ControlLimits limits) {
        agent = TicketgateAgent.builder().playerPort(0).playerBindAddress("127.0.0.1").controlPort(0)
                .controlLimits(limits).listener((session, connection) -> Admission.accepted()).build().start();
        client = new ControlApiClient(agent.controlPort());
    }

    private static ControlLimits shortTimeouts() {
        return new ControlLimits(SHORT, SHORT, SHORT, 512, 2 * 1024 * 1024, 0);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    @Test
    void keptAliveRequestsAreAnsweredInOrder() throws Exception {
        start(ControlLimits.defaults());
        try (Socket socket = client.rawSocket()) {
            for (int i = 0; i < 3; i++) {
                ControlApiClient.write(socket, createGameSession(2));
                RawResponse created = ControlApiClient.read(socket);
                assertEquals(200, created.status(), created.bodyText());
                ControlApiClient.write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, ControlApiClient.read(socket).status());
            }
        }
    }

    @Test
    void headersArrivingTooSlowlyGetA408AndTheConnectionCloses() throws Exception {
        start(shortTimeouts());
        try (Socket socket = client.rawSocket()) {
            ControlApiClient.write(socket, "GET /heal");
            RawResponse response = ControlApiClient.read(socket);
            assertEquals(408, response.status());
            assertEquals("RequestTimeoutException", response.header("x-amzn-ErrorType"));
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void aChunkedBodyThatNeverEndsGetsA408AndTheConnectionCloses() throws Exception {
        start(shortTimeouts());
        try (Socket socket = client.rawSocket()) {
            ControlApiClient.write(socket, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n");
            RawResponse response = ControlApiClient.read(socket);
            assertEquals(408, response.status());
            assertTrue(response.bodyText().contains("\"__type\":\"RequestTimeoutException\""), response.bodyText());
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void aKeptAliveConnectionIdleForTheIdleTimeoutIsClosed() throws Exception {
        start(shortTimeouts());
        try (Socket socket = client.rawSocket()) {
            ControlApiClient.write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, ControlApiClient.read(socket).status());
            assertTrue(closedByServer(socket));
        }
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnce() throws Exception {
        start(new ControlLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), 2,
                2 * 1024 * 1024, 0));
        try (Socket first = client.rawSocket(); Socket second = client.rawSocket()) {
            for (Socket socket : List.of(first, second)) {
                ControlApiClient.write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(200, ControlApiClient.read(socket).status());
            }
            try (Socket third = client.rawSocket()) {
                assertTrue(closedByServer(third));
            }
        }
        // The two closed: room again (the server sees the closes on its own time).
        assertEventually(() -> client.get("/healthz").statusCode() == 200);
        assertTrue(client.get("/metrics").body().length > 0);
        String metrics = new String(client.get("/metrics").body(), StandardCharsets.UTF_8);
        assertTrue(metrics.contains("ticketgate_control_refused_total{limit=\"connections\"}"), metrics);
    }

    @Test
    void aBodyOfNestedTagsIsRefusedQuicklyWhileHealthzAnswers() throws Exception {
        start(ControlLimits.defaults());
        byte[] nested = new byte[1_900_000];
        Arrays.fill(nested, (byte) 0xC1);
        CompletableFuture<HttpResponse<byte[]>> heavy = client.http().sendAsync(
                client.cborRequest("DescribeGameSessions", nested).build(), HttpResponse.BodyHandlers.ofByteArray());
        long started = System.nanoTime();
        assertEquals(200, client.get("/healthz").statusCode());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "/healthz took over 3 s");
        JsonNode error = assertCborError(heavy.get(10, TimeUnit.SECONDS), "SerializationException");
        assertTrue(error.path("Message").asText().contains("CBOR"), error::toString);
    }

    @Test
    void aClientPipeliningWithoutReadingMakesTheAgentHoldLittle() throws Exception {
        start(new ControlLimits(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), 512,
                2 * 1024 * 1024, 0));
        // Big answers: 2,000 of them would be far more than the kernel's buffers hold.
        String name = "n".repeat(1024);
        for (int i = 0; i < 50; i++) {
            assertEquals(200, client.json("CreateGameSession", "{\"FleetId\":\"fleet-local\","
                    + "\"MaximumPlayerSessionCount\":1,\"Name\":\"" + name + "\"}").statusCode());
        }
        String describe = "{\"FleetId\":\"fleet-local\",\"Limit\":50}";
        String request = "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: GameLift.DescribeGameSessions\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + describe.length() + "\r\n\r\n"
                + describe;
        try (Socket pipeliner = new Socket()) {
            pipeliner.setReceiveBufferSize(16 * 1024);
            pipeliner.connect(new java.net.InetSocketAddress("127.0.0.1", agent.controlPort()));
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        ControlApiClient.write(pipeliner, request);
                    }
                } catch (java.io.IOException e) {
                    // The agent may stop reading; then writes block until the socket closes.
                }
            });
            writer.setDaemon(true);
            writer.start();
            long answered = describesAnswered();
            // Wait for it to stop growing: the agent must stop reading once its responses back up.
            long previous = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answered != previous && System.nanoTime() < deadline) {
                previous = answered;
                Thread.sleep(500);
                answered = describesAnswered();
            }
            assertTrue(answered < 1_000, "the agent answered " + answered + " of 2,000 requests nobody reads");
            // And it still answers everyone else.
            assertEquals(200, client.get("/healthz").statusCode());
        }
    }

    @Test
    void operationsOverTheRateBoundGetAThrottlingException() {
        start(new ControlLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), 512,
                2 * 1024 * 1024, 1));
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 3; i++) {
            last = client.json("DescribeGameSessions", "{\"FleetId\":\"fleet-local\"}");
            statuses.add(last.statusCode());
        }
        assertTrue(statuses.contains(429), statuses::toString);
        assertEquals("ThrottlingException", last.headers().firstValue("x-amzn-ErrorType").orElse(""));
        // /healthz is not an operation: never throttled.
        assertEquals(200, client.get("/healthz").statusCode());
    }

    private long describesAnswered() {
        String metrics = new String(client.get("/metrics").body(), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile(
                "ticketgate_control_requests_total\\{error=\"none\",operation=\"DescribeGameSessions\"} ([0-9.E]+)")
                .matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String createGameSession(int players) {
        String body = "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":" + players + "}";
        return "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: GameLift.CreateGameSession\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // A connection refused at the cap; try again.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the condition did not hold within 10 s");
    }
}
