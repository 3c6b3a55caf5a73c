package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client of {@code GET /local/v1/events} over a raw socket, as a game server
 * in any language would be: it decodes the chunked body and the SSE fields itself, on a thread of
 * its own, and queues each event, so tests wait for events instead of sleeping.
 */
final class EventStreamClient implements AutoCloseable {

    /** One event; {@code id} is null for an event without one (events-lost). */
    record Event(Long id, String type, JsonNode data) {
    }

    /** Queued when the server ends the stream. */
    private static final Event END = new Event(null, "(end of stream)", null);

    final int status;
    final Map<String, String> headers;
    private final Socket socket;
    private final InputStream in;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();

    private EventStreamClient(Socket socket, InputStream in, int status, Map<String, String> headers) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.headers = headers;
    }

    /** Subscribes; returns once the response headers have arrived, so the subscription is in place. */
    static EventStreamClient open(int port, Long lastEventId) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
        String request = "GET /local/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        assertNotNull(statusLine, "the server closed the stream without a response");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        EventStreamClient client = new EventStreamClient(socket, in, Integer.parseInt(statusLine.split(" ")[1]),
                headers);
        if (client.status == 200) {
            Thread reader = new Thread(client::readEvents, "event-stream-client");
            reader.setDaemon(true);
            reader.start();
        }
        return client;
    }

    /** Returns the next event, failing if none comes within 10 seconds or the stream ended. */
    Event next() throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no event arrived");
        if (event == END) {
            throw new AssertionError("the stream ended");
        }
        return event;
    }

    /** Asserts the next event's type and returns it. */
    Event next(String type) throws InterruptedException {
        Event event = next();
        assertEquals(type, event.type(), () -> "event " + event);
        return event;
    }

    /** Asserts no event arrives within {@code wait}. */
    void assertQuiet(Duration wait) throws InterruptedException {
        Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(event, () -> "unexpected event " + event);
    }

    /**
     * Returns every event up to the end of the stream, failing if the server keeps it open
     * longer than {@code wait}.
     */
    List<Event> untilEnd(Duration wait) throws InterruptedException {
        List<Event> all = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(event, "the server did not end the stream");
            if (event == END) {
                return all;
            }
            all.add(event);
        }
    }

    synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readEvents() {
        try {
            Long id = null;
            String type = null;
            StringBuilder data = null;
            StringBuilder line = new StringBuilder();
            for (byte[] chunk = readChunk(); chunk != null; chunk = readChunk()) {
                for (byte b : chunk) {
                    if (b != '\n') {
                        line.append((char) (b & 0xff));
                        continue;
                    }
                    String text = line.toString();
                    line.setLength(0);
                    if (text.isEmpty()) {
                        if (type != null || data != null) {
                            events.add(new Event(id, type, data == null ? null
                                    : ControlApiClient.JSON.readTree(data.toString())));
                        }
                        id = null;
                        type = null;
                        data = null;
                    } else if (text.startsWith(":")) {
                        synchronized (this) {
                            comments.add(text);
                        }
                    } else if (text.startsWith("id: ")) {
                        id = Long.parseLong(text.substring(4));
                    } else if (text.startsWith("event: ")) {
                        type = text.substring(7);
                    } else if (text.startsWith("data: ")) {
                        if (data != null) {
                            throw new AssertionError("an event's data must be one line: " + text);
                        }
                        data = new StringBuilder(text.substring(6));
                    } else {
                        throw new AssertionError("not an SSE line: " + text);
                    }
                }
            }
        } catch (IOException e) {
            // A closed socket ends the stream as the end of the body does.
        } finally {
            events.add(END);
        }
    }

    /** Reads one chunk of the chunked body; null at its end or when the connection closes. */
    private byte[] readChunk() throws IOException {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
            return null;
        }
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            return null;
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size || readLine(in) == null) {
            return null;
        }
        return chunk;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
