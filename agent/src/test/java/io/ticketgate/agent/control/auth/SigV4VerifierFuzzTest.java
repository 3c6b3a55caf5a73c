package io.ticketgate.agent.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Fuzzes the SigV4 verifier, its Authorization header parser and canonical request with a
 * request the AWS SDK's signer signed, then altered by the fuzzer: a header replaced or added,
 * the method, path, query or body changed. Whatever the alteration, the verifier answers within
 * the time bound with acceptance or one of its four refusals, nothing else; and it accepts only
 * a request whose signed parts are still, canonically, the ones that were signed. Corpus replay
 * in every build; {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class SigV4VerifierFuzzTest {

    private static final String ACCESS_KEY_ID = "AKIDFUZZ";
    private static final String SECRET = "fuzz/secret+key";
    private static final Instant SIGNED_AT = Instant.parse("2026-12-05T08:00:00Z");
    private static final String BODY = "{\"GameSessionId\":\"gsess-1\",\"PlayerId\":\"p1\"}";
    private static final SigV4Verifier VERIFIER = new SigV4Verifier(
            new KeyRing(List.of(new AccessKey(ACCESS_KEY_ID, SECRET))), Clock.fixed(SIGNED_AT, ZoneOffset.UTC),
            "gamelift");
    private static final Request SIGNED = signedRequest();
    /** The contract: every refusal's message starts with one of these. */
    private static final List<String> REFUSALS =
            List.of("missing signature", "unknown key", "signature mismatch", "request too old");

    /** The parts of a request the verifier reads. */
    private record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        SignableRequest signable() {
            return new SignableRequest(method, path, query, name -> headers.getOrDefault(name, List.of()));
        }

        String bodyHash() {
            return Signing.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        }

        String header(String name) {
            return signable().header(name);
        }
    }

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void onlyWhatWasSignedIsAccepted(FuzzedDataProvider data) throws UnauthorizedException {
        Request request = alter(SIGNED, data);
        try {
            VERIFIER.verify(request.signable(), request::bodyHash);
        } catch (UnauthorizedException e) {
            assertTrue(REFUSALS.stream().anyMatch(refusal -> e.getMessage().startsWith(refusal + ": ")),
                    "a refusal says which: " + e.getMessage());
            return;
        }
        AuthorizationHeader authorization = AuthorizationHeader.parse(request.header("authorization"));
        assertEquals(AuthorizationHeader.parse(SIGNED.header("authorization")), authorization);
        assertEquals(SIGNED.header("x-amz-date").strip(), request.header("x-amz-date").strip());
        assertEquals(SIGNED.bodyHash(), request.bodyHash());
        assertEquals(CanonicalRequest.of(SIGNED.signable(), authorization.signedHeaders(), SIGNED.bodyHash()),
                CanonicalRequest.of(request.signable(), authorization.signedHeaders(), request.bodyHash()));
    }

    private static Request alter(Request signed, FuzzedDataProvider data) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.headers());
        List<String> names = new ArrayList<>(headers.keySet());
        String method = signed.method();
        String path = signed.path();
        String query = signed.query();
        String body = signed.body();
        int alterations = data.consumeInt(0, 3);
        for (int i = 0; i < alterations; i++) {
            int what = data.consumeInt(0, 4 + names.size());
            String value = data.consumeString(300);
            switch (what) {
                case 0 -> method = value;
                case 1 -> path = value;
                case 2 -> query = value;
                case 3 -> body = value;
                case 4 -> headers.computeIfAbsent(data.consumeString(30).toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(value);
                default -> headers.put(names.get(what - 5), List.of(value));
            }
        }
        return new Request(method, path, query, headers, body);
    }

    private static Request signedRequest() {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("http://127.0.0.1:9080/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "GameLift.CreatePlayerSession")
                .build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "gamelift")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)))
                .request();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.headers());
        headers.putIfAbsent("Host", List.of(signed.host() + ":" + signed.port()));
        return new Request(signed.method().name(), signed.encodedPath(), signed.encodedQueryParameters().orElse(""),
                Collections.unmodifiableMap(headers), BODY);
    }
}
