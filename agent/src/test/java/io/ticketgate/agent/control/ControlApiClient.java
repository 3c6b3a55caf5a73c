package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.TicketgateListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speaks to a control API the way a client that follows the specs would, and the ways one that
 * does not might: GameLift operations in RPC v2 CBOR and AWS JSON 1.1 through the JDK's client,
 * and raw bytes over a socket. Every exchange has a timeout, so a server that never answers fails
 * the test instead of hanging it.
 */
final class ControlApiClient {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final CBORMapper CBOR = CBORMapper.builder().build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CBOR_TYPE = "application/cbor";
    static final String JSON_TYPE = "application/x-amz-json-1.1";
    static final String SHAPE_PREFIX = "com.amazonaws.gamelift#";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final int port;

    /** Starts an agent on free loopback ports whose game lets every player in unless told otherwise. */
    static TicketgateAgent startAgent(TicketgateListener listener) {
        return TicketgateAgent.builder()
                .playerPort(0)
                .playerBindAddress("127.0.0.1")
                .controlPort(0)
                .listener(listener)
                .build()
                .start();
    }

    static TicketgateAgent startAgent() {
        return startAgent((session, connection) -> Admission.accepted());
    }

    ControlApiClient(int port) {
        this.port = port;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A CBOR request as the Smithy spec builds it: POSTed to the operation's path with the three headers. */
    HttpRequest.Builder cborRequest(String operation, byte[] body) {
        return HttpRequest.newBuilder(uri(RpcV2CborFormat.PATH_PREFIX + operation))
                .timeout(TIMEOUT)
                .header("Smithy-Protocol", "rpc-v2-cbor")
                .header("Content-Type", CBOR_TYPE)
                .header("Accept", CBOR_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** A CBOR request for empty input: no body, so no Content-Type either, as the spec allows. */
    HttpRequest.Builder cborRequestWithoutBody(String operation) {
        return HttpRequest.newBuilder(uri(RpcV2CborFormat.PATH_PREFIX + operation))
                .timeout(TIMEOUT)
                .header("Smithy-Protocol", "rpc-v2-cbor")
                .header("Accept", CBOR_TYPE)
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    HttpResponse<byte[]> cbor(String operation, Map<String, ?> input) {
        return send(cborRequest(operation, encodeCbor(input)));
    }

    /** A JSON 1.1 request as the SDK builds it. */
    HttpRequest.Builder jsonRequest(String operation, byte[] body) {
        return HttpRequest.newBuilder(uri("/"))
                .timeout(TIMEOUT)
                .header("X-Amz-Target", "GameLift." + operation)
                .header("Content-Type", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    HttpResponse<byte[]> json(String operation, String body) {
        return send(jsonRequest(operation, body.getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET());
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A map keeping the order members were put in, for building request structures. */
    static Map<String, Object> members(Object... namesAndValues) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return members;
    }

    static byte[] encodeCbor(Object value) {
        try {
            return CBOR.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode cborBody(HttpResponse<byte[]> response) {
        try {
            return CBOR.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode jsonBody(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a 200 in RPC v2 CBOR and returns its decoded body. */
    static JsonNode assertCborOk(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> "status; body " + describe(response));
        assertCborHeaders(response);
        return cborBody(response);
    }

    /** Asserts a typed RPC v2 CBOR error: 400, {@code __type} as a shape id, a Message; returns the body. */
    static JsonNode assertCborError(HttpResponse<byte[]> response, String errorName) {
        assertEquals(400, response.statusCode(), () -> "status; body " + describe(response));
        assertCborHeaders(response);
        JsonNode body = cborBody(response);
        assertEquals(SHAPE_PREFIX + errorName, body.path("__type").asText(), () -> "__type of " + body);
        assertTrue(body.path("Message").isTextual() && !body.path("Message").asText().isEmpty(),
                () -> "Message of " + body);
        return body;
    }

    static void assertCborHeaders(HttpResponse<byte[]> response) {
        assertEquals("rpc-v2-cbor", response.headers().firstValue("Smithy-Protocol").orElse(null));
        assertEquals(CBOR_TYPE, response.headers().firstValue("Content-Type").orElse(null));
        assertRequestId(response);
    }

    /** Asserts a typed JSON 1.1 error: 400, {@code __type}, x-amzn-ErrorType, a Message; returns the body. */
    static JsonNode assertJsonError(HttpResponse<byte[]> response, String errorName) {
        assertEquals(400, response.statusCode(), () -> "status; body " + describe(response));
        assertEquals(JSON_TYPE, response.headers().firstValue("Content-Type").orElse(null));
        assertEquals(errorName, response.headers().firstValue("x-amzn-ErrorType").orElse(null));
        assertRequestId(response);
        JsonNode body = jsonBody(response);
        assertEquals(errorName, body.path("__type").asText(), () -> "__type of " + body);
        assertTrue(body.path("Message").isTextual() && !body.path("Message").asText().isEmpty(),
                () -> "Message of " + body);
        return body;
    }

    static void assertRequestId(HttpResponse<byte[]> response) {
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse("");
        assertFalse(requestId.isBlank(), "x-amzn-RequestId");
    }

    static String describe(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.equals(CBOR_TYPE)) {
            try {
                return CBOR.readTree(response.body()).toString();
            } catch (IOException e) {
                return "(not CBOR: " + e.getMessage() + ")";
            }
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A timestamp member as found on the wire: its CBOR tag, how its number is encoded, its value. */
    record WireTimestamp(int tag, NumberEncoding encoding, BigDecimal epochSeconds) {
    }

    /** How a CBOR number was encoded, as far as the parser tells. */
    enum NumberEncoding { INTEGER, FLOAT32, FLOAT64, NOT_A_NUMBER }

    /** Returns every value of members named {@code member}, anywhere in a CBOR body, as encoded. */
    static List<WireTimestamp> timestamps(byte[] body, String member) {
        List<WireTimestamp> found = new ArrayList<>();
        try (CBORParser parser = CBOR.getFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME || !member.equals(parser.currentName())) {
                    continue;
                }
                JsonToken value = parser.nextToken();
                assertNotNull(value);
                if (!value.isNumeric()) {
                    found.add(new WireTimestamp(parser.getCurrentTag(), NumberEncoding.NOT_A_NUMBER, null));
                    continue;
                }
                NumberEncoding encoding = switch (parser.getNumberType()) {
                    case INT, LONG, BIG_INTEGER -> NumberEncoding.INTEGER;
                    case FLOAT -> NumberEncoding.FLOAT32;
                    default -> NumberEncoding.FLOAT64;
                };
                found.add(new WireTimestamp(parser.getCurrentTag(), encoding, parser.getDecimalValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    // ------------------------------------------------------------------ raw HTTP

    /** One HTTP response read off a socket. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A socket to the control port, every read bounded by {@link #TIMEOUT}. */
    Socket rawSocket() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    static void write(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Reads one response with a Content-Length body. A server that neither answers nor closes
     * makes this throw {@link java.net.SocketTimeoutException}.
     */
    static RawResponse read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new RawResponse(Integer.parseInt(parts[1]), headers, body);
    }

    /** Returns true once the server has closed the connection (reads end of stream). */
    static boolean closedByServer(Socket socket) throws IOException {
        return socket.getInputStream().read() == -1;
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
