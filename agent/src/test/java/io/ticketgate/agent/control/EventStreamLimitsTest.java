package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.TicketgateAgent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The local event stream's bounds: how many may subscribe, and how far one may fall behind
 * before it is told why and dropped.
 */
@Timeout(60)
class EventStreamLimitsTest {

    private TicketgateAgent agent;
    private ControlApiClient client;

    @BeforeEach
    void startAgent() {
        agent = ControlApiClient.startAgent();
        client = new ControlApiClient(agent.controlPort());
    }

    @AfterEach
    void stopAgent() {
        agent.stop();
    }

    @Test
    void subscribersOverTheCapAreRefusedWithAThrottlingException() throws Exception {
        List<EventStreamClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < EventHub.MAX_SUBSCRIBERS; i++) {
                EventStreamClient stream = EventStreamClient.open(agent.controlPort(), null);
                streams.add(stream);
                assertEquals(200, stream.status);
            }
            HttpResponse<byte[]> refused = client.get(LocalOperations.EVENTS_PATH);
            assertEquals(503, refused.statusCode());
            assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("ThrottlingException"));
        } finally {
            for (EventStreamClient stream : streams) {
                stream.close();
            }
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsDroppedWithALastEventSayingWhy() throws Exception {
        try (Socket idle = new Socket()) {
            idle.setReceiveBufferSize(16 * 1024);
            idle.connect(new InetSocketAddress("127.0.0.1", agent.controlPort()));
            idle.setSoTimeout(30_000);
            ControlApiClient.write(idle, "GET /local/v1/events HTTP/1.1\r\nHost: x\r\n\r\n");
            // Events far beyond what the kernel's buffers and the subscriber's bound hold together.
            String data = "d".repeat(256 * 1024);
            for (int i = 0; i < 40; i++) {
                assertEquals(200, client.json("CreateGameSession", "{\"FleetId\":\"fleet-local\","
                        + "\"MaximumPlayerSessionCount\":1,\"GameSessionData\":\"" + data + "\"}").statusCode());
            }
            String stream = readToEnd(idle.getInputStream());
            int last = stream.lastIndexOf("event: stream-closed");
            assertTrue(last > 0, "no stream-closed event");
            assertTrue(stream.indexOf("TOO_FAR_BEHIND", last) > 0, "the reason");
            assertTrue(stream.indexOf("event: ", last + 1) < 0, "stream-closed is the last event");
        }
        // The others are unaffected.
        assertEquals(200, client.get("/healthz").statusCode());
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the agent kept the stream of a subscriber far behind open", e);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
