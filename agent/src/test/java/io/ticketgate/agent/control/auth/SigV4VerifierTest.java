package io.ticketgate.agent.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.identity.spi.Identity;

/** The verifier against signatures the AWS SDK for Java v2's own SigV4 signer makes. */
@Timeout(10)
class SigV4VerifierTest {

    private static final String ACCESS_KEY_ID = "AKIDVERIFIER";
    private static final String SECRET = "verifier/secret+key";
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final String BODY = "{\"FleetId\":\"fleet-local\",\"Name\":\"caf\u00e9\"}";

    private final SigV4Verifier verifier = new SigV4Verifier(
            new KeyRing(List.of(new AccessKey(ACCESS_KEY_ID, SECRET), new AccessKey("AKIDOTHER", "other"))),
            Clock.fixed(NOW, ZoneOffset.UTC), "gamelift");

    /** A request signed by the SDK's signer as the GameLift client signs, at {@code signedAt}. */
    private static SdkHttpRequest signed(Identity identity, String service, Instant signedAt, String uri) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(uri))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "GameLift.CreateGameSession")
                .putHeader("Content-Length", String.valueOf(BODY.getBytes(StandardCharsets.UTF_8).length))
                .build();
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity((AwsCredentialsIdentity) identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-3")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
    }

    private static SdkHttpRequest signed(Instant signedAt) {
        return signed(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), "gamelift", signedAt,
                "http://127.0.0.1:9080/");
    }

    private static SignableRequest signable(SdkHttpRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.putIfAbsent("Host", List.of(request.host() + ":" + request.port()));
        return new SignableRequest(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), name -> headers.getOrDefault(name, List.of()));
    }

    private void verify(SdkHttpRequest request, String body) throws UnauthorizedException {
        verifier.verify(signable(request), () -> Signing.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
    }

    private String refusal(SdkHttpRequest request, String body) {
        return assertThrows(UnauthorizedException.class, () -> verify(request, body)).getMessage();
    }

    @Test
    void whatTheSdkSignsIsAcceptedInAnyRegion() throws Exception {
        verify(signed(NOW), BODY);
    }

    @Test
    void anEncodedPathAndAQueryAreCanonicalisedAsTheSdkDoes() throws Exception {
        verify(signed(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), "gamelift", NOW,
                "http://127.0.0.1:9080/service/Game%20Lift/operation/a%2Fb?b=2&a=%C3%A9+x&a=1&empty="), BODY);
    }

    @Test
    void aSignedSessionTokenIsJustAHeader() throws Exception {
        verify(signed(AwsSessionCredentialsIdentity.create(ACCESS_KEY_ID, SECRET, "session-token"), "gamelift", NOW,
                "http://127.0.0.1:9080/"), BODY);
    }

    @Test
    void anotherBodyIsASignatureMismatch() {
        // The signer sends X-Amz-Content-Sha256, so the body is caught before the signature is computed.
        assertEquals("signature mismatch: X-Amz-Content-Sha256 is not the SHA-256 of the body",
                refusal(signed(NOW), BODY.replace("fleet-local", "fleet-other")));
    }

    @Test
    void anotherSecretIsASignatureMismatch() {
        SdkHttpRequest request = signed(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET + "!"), "gamelift", NOW,
                "http://127.0.0.1:9080/");
        assertTrue(refusal(request, BODY).startsWith("signature mismatch: "));
    }

    @Test
    void anotherServiceIsASignatureMismatch() {
        SdkHttpRequest request = signed(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET), "gamesparks", NOW,
                "http://127.0.0.1:9080/");
        assertEquals("signature mismatch: the request is signed for the service gamesparks, not gamelift",
                refusal(request, BODY));
    }

    @Test
    void anUnknownKeyIsNamed() {
        SdkHttpRequest request = signed(AwsCredentialsIdentity.create("AKIDSTRANGER", SECRET), "gamelift", NOW,
                "http://127.0.0.1:9080/");
        assertEquals("unknown key: the access key id AKIDSTRANGER is not one this agent accepts",
                refusal(request, BODY));
    }

    @Test
    void fiveMinutesEitherWayIsTheLimit() throws Exception {
        verify(signed(NOW.minus(Duration.ofMinutes(5))), BODY);
        verify(signed(NOW.plus(Duration.ofMinutes(5))), BODY);
        assertEquals("request too old: X-Amz-Date 20261205T075459Z is more than 5 minutes from the agent's clock,"
                + " 20261205T080000Z", refusal(signed(NOW.minus(Duration.ofSeconds(301))), BODY));
        assertTrue(refusal(signed(NOW.plus(Duration.ofMinutes(6))), BODY).startsWith("request too old: "));
    }

    @Test
    void malformedAuthorizationHeadersAreMissingSignatures() {
        for (String authorization : List.of("", "Bearer abc", "AWS4-HMAC-SHA256 Credential=AKIDVERIFIER",
                "AWS4-HMAC-SHA256 Credential=AKIDVERIFIER/20261205/us-east-1/gamelift/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=XYZ",
                "AWS4-HMAC-SHA256 Credential=AKIDVERIFIER/20261205/us-east-1/gamelift/aws4, SignedHeaders=host,"
                        + " Signature=" + "0".repeat(64))) {
            SignableRequest request = new SignableRequest("POST", "/", "",
                    name -> name.equalsIgnoreCase("authorization") ? List.of(authorization) : List.of());
            UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                    () -> verifier.verify(request, () -> Signing.sha256Hex(new byte[0])));
            assertTrue(refused.getMessage().startsWith("missing signature: "), authorization);
        }
    }

    @Test
    void hostAndTheDateMustBeSigned() {
        String scope = "AWS4-HMAC-SHA256 Credential=AKIDVERIFIER/20261205/us-east-1/gamelift/aws4_request, ";
        String signature = ", Signature=" + "0".repeat(64);
        Map<String, String> headers = Map.of("x-amz-date", "20261205T080000Z", "host", "127.0.0.1");
        assertEquals("signature mismatch: SignedHeaders must include host",
                refusalOf(scope + "SignedHeaders=x-amz-date" + signature, headers));
        assertEquals("signature mismatch: SignedHeaders must include x-amz-date",
                refusalOf(scope + "SignedHeaders=host" + signature, headers));
        assertEquals("missing signature: the request has no X-Amz-Date header: the signing time",
                refusalOf(scope + "SignedHeaders=host" + signature, Map.of("host", "127.0.0.1")));
    }

    private String refusalOf(String authorization, Map<String, String> headers) {
        SignableRequest request = new SignableRequest("POST", "/", "", name -> name.equalsIgnoreCase("authorization")
                ? List.of(authorization)
                : headers.containsKey(name.toLowerCase()) ? List.of(headers.get(name.toLowerCase())) : List.of());
        return assertThrows(UnauthorizedException.class,
                () -> verifier.verify(request, () -> Signing.sha256Hex(new byte[0]))).getMessage();
    }
}
