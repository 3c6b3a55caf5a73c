package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.GameLiftAssertions.assertError;
import static io.ticketgate.agent.control.SdkAgent.ACCESS_KEY_ID;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ID;
import static io.ticketgate.agent.control.SdkAgent.SECRET_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.GameSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.UnauthorizedException;

/**
 * With key pairs configured, the unmodified AWS SDK signing with one of them works, and every
 * other request gets UnauthorizedException saying why, before anything is changed.
 */
@Timeout(60)
class GameLiftSdkAuthenticationTest {

    private static final String NEXT_ACCESS_KEY_ID = "AKIDTICKETGATENEXT";
    private static final String NEXT_SECRET_KEY = "the-next-secret";

    private static SdkAgent sdk;

    @BeforeAll
    static void startAgent() {
        sdk = SdkAgent.start(builder -> builder.controlCredentials(NEXT_ACCESS_KEY_ID, NEXT_SECRET_KEY));
    }

    @AfterAll
    static void stopAgent() {
        sdk.close();
    }

    @Test
    void theSdkSigningWithEitherOfTwoKeyPairsWorks() {
        try (GameLiftClient next = sdk.client(NEXT_ACCESS_KEY_ID, NEXT_SECRET_KEY)) {
            String name = "rotation-" + UUID.randomUUID();
            var created = next.createGameSession(request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(2)
                    .name(name)).gameSession();
            var ticket = sdk.client.createPlayerSession(request -> request.gameSessionId(created.gameSessionId())
                    .playerId("p1")).playerSession();
            assertEquals("RESERVED", ticket.statusAsString());
            assertTrue(named(name));
        }
    }

    @Test
    void aLargeBodyIsHashedWhole() {
        String data = "\u00e9".repeat(262_144);   // GameLift's longest GameSessionData, 512 KiB in UTF-8
        var created = sdk.client.createGameSession(request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(2)
                .gameSessionData(data)).gameSession();
        assertEquals(data, created.gameSessionData());
    }

    @Test
    void aWrongSecretIsASignatureMismatchAndChangesNothing() {
        String name = "wrong-secret-" + UUID.randomUUID();
        try (GameLiftClient wrong = sdk.client(ACCESS_KEY_ID, SECRET_KEY + "x")) {
            assertError(UnauthorizedException.class, "signature mismatch: ", () -> wrong.createGameSession(
                    request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(2).name(name)));
        }
        assertFalse(named(name));
    }

    @Test
    void anUnknownKeyIsRefusedAndChangesNothing() {
        String name = "unknown-key-" + UUID.randomUUID();
        try (GameLiftClient unknown = sdk.client("AKIDNOBODYKNOWS", SECRET_KEY)) {
            UnauthorizedException error = assertError(UnauthorizedException.class,
                    "unknown key: the access key id AKIDNOBODYKNOWS", () -> unknown.createGameSession(
                            request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(2).name(name)));
            assertFalse(error.getMessage().contains(SECRET_KEY));
        }
        assertFalse(named(name));
    }

    @Test
    void aSignatureMadeOverFiveMinutesFromTheAgentsClockIsTooOld() {
        try (SdkAgent ahead = SdkAgent.start(builder -> builder
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6))))) {
            assertError(UnauthorizedException.class, "request too old: X-Amz-Date ", () -> ahead.client
                    .createGameSession(request -> request.fleetId(FLEET_ID).maximumPlayerSessionCount(2)));
            assertTrue(ahead.agent.describeGameSessions(DescribeGameSessionsRequest.all()).items().isEmpty());
        }
    }

    @Test
    void anUnsignedRequestIsRefusedInBothWireFormats() {
        String name = "unsigned-" + UUID.randomUUID();
        ControlApiClient raw = new ControlApiClient(sdk.agent.controlPort());

        var json = ControlApiClient.assertJsonError(raw.json("CreateGameSession",
                "{\"FleetId\":\"fleet-local\",\"MaximumPlayerSessionCount\":2,\"Name\":\"" + name + "\"}"),
                "UnauthorizedException");
        var cbor = ControlApiClient.assertCborError(raw.cbor("CreateGameSession", ControlApiClient.members(
                "FleetId", FLEET_ID, "MaximumPlayerSessionCount", 2, "Name", name)), "UnauthorizedException");

        assertTrue(json.get("Message").asText().startsWith("missing signature: "), json.toString());
        assertTrue(cbor.get("Message").asText().startsWith("missing signature: "), cbor.toString());
        assertFalse(named(name));
    }

    @Test
    void healthReadinessAndMetricsNeedNoSignatureAndCountTheRefusals() {
        ControlApiClient raw = new ControlApiClient(sdk.agent.controlPort());
        raw.json("DescribeGameSessions", "{\"FleetId\":\"fleet-local\"}");

        assertEquals(200, raw.get("/healthz").statusCode());
        assertEquals(200, raw.get("/readyz").statusCode());
        HttpResponse<byte[]> metrics = raw.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(new String(metrics.body(), StandardCharsets.UTF_8).contains(
                "ticketgate_control_requests_total{error=\"UnauthorizedException\",operation=\"DescribeGameSessions\"}"));
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        AtomicReference<SdkHttpRequest> signed = new AtomicReference<>();
        AtomicReference<byte[]> body = new AtomicReference<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                signed.set(context.httpRequest());
                body.set(context.requestBody().map(b -> readAll(b.contentStreamProvider().newStream()))
                        .orElse(new byte[0]));
            }
        };
        String name = "replayed-" + UUID.randomUUID();
        try (GameLiftClient client = SdkAgent.client(sdk.agent, ACCESS_KEY_ID, SECRET_KEY,
                builder -> builder.overrideConfiguration(o -> o.addExecutionInterceptor(capture)))) {
            client.describeGameSessions(request -> request.fleetId(FLEET_ID));
        }
        String original = new String(body.get(), StandardCharsets.UTF_8);
        ControlApiClient raw = new ControlApiClient(sdk.agent.controlPort());

        assertEquals(200, raw.send(replay(raw, signed.get(), original)).statusCode(),
                "the signed request, sent again as it was");
        var refused = ControlApiClient.assertJsonError(raw.send(replay(raw, signed.get(),
                original.replace("fleet-local", "fleet-LOCAL"))), "UnauthorizedException");
        assertTrue(refused.get("Message").asText().startsWith("signature mismatch: "), refused.toString());
        assertFalse(named(name));
    }

    /** The SDK's signed request with another body; the JDK client sets Host and Content-Length itself. */
    private static HttpRequest.Builder replay(ControlApiClient raw, SdkHttpRequest signed, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(raw.uri(signed.encodedPath()))
                .timeout(ControlApiClient.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Set<String> setByTheClient = Set.of("host", "content-length", "connection", "expect");
        for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
            if (!setByTheClient.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        return request;
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if a game session of that name exists, as the agent itself tells. */
    private static boolean named(String name) {
        return sdk.agent.describeGameSessions(DescribeGameSessionsRequest.all().withLimit(1000)).items().stream()
                .map(GameSession::name).anyMatch(name::equals);
    }
}
