package io.ticketgate.agent.control.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier against AWS's published SigV4 test suite (see the NOTICE.md beside the cases). */
@Timeout(10)
class AwsSigningTestSuiteTest {

    static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock SIGNING_TIME = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final String UNSIGNED_PAYLOAD = "post-unsigned-payload";

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(suite())) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Path suite() throws URISyntaxException {
        return Path.of(AwsSigningTestSuiteTest.class.getResource("aws-signing-test-suite").toURI());
    }

    private static SigV4Verifier verifier(String secret) {
        return new SigV4Verifier(new KeyRing(List.of(new AccessKey(ACCESS_KEY_ID, secret))), SIGNING_TIME, "service");
    }

    @Test
    void theSuiteIsThere() throws Exception {
        assertTrue(cases().count() >= 20);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachSignedRequestIsAccepted(String name) throws Exception {
        if (name.equals(UNSIGNED_PAYLOAD)) {
            return;
        }
        SuiteRequest request = SuiteRequest.read(suite().resolve(name).resolve("header-signed-request.txt"));
        verifier(SECRET).verify(request.signable(), request::bodyHash);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachSignedRequestIsRefusedWithAnotherSecret(String name) throws Exception {
        SuiteRequest request = SuiteRequest.read(suite().resolve(name).resolve("header-signed-request.txt"));
        UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                () -> verifier(SECRET + "x").verify(request.signable(), request::bodyHash));
        assertTrue(refused.getMessage().startsWith("signature mismatch: "), refused.getMessage());
    }

    @Test
    void canonicalRequestStringToSignAndSignatureMatchTheSuite() throws Exception {
        Path dir = suite().resolve(UNSIGNED_PAYLOAD);
        SuiteRequest request = SuiteRequest.read(dir.resolve("header-signed-request.txt"));
        AuthorizationHeader authorization = AuthorizationHeader.parse(request.signable().header("authorization"));

        String canonical = CanonicalRequest.of(request.signable(), authorization.signedHeaders(), "UNSIGNED-PAYLOAD");
        String stringToSign = Signing.stringToSign("20150830T123600Z", authorization.scope(), canonical);
        String signature = Signing.signature(SECRET, "20150830", "us-east-1", "service", stringToSign);

        assertEquals(Files.readString(dir.resolve("header-canonical-request.txt")), canonical);
        assertEquals(Files.readString(dir.resolve("header-string-to-sign.txt")), stringToSign);
        assertEquals(Files.readString(dir.resolve("header-signature.txt")), signature);
        assertEquals(signature, authorization.signature());
    }

    @Test
    void anUnsignedPayloadIsRefusedTheBodyMustBeHashed() throws Exception {
        SuiteRequest request = SuiteRequest.read(suite().resolve(UNSIGNED_PAYLOAD).resolve("header-signed-request.txt"));
        UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                () -> verifier(SECRET).verify(request.signable(), request::bodyHash));
        assertEquals("signature mismatch: X-Amz-Content-Sha256 is not the SHA-256 of the body", refused.getMessage());
    }

    /** A request as the suite writes it: request line, headers, body. */
    private record SuiteRequest(SignableRequest signable, byte[] body) {

        static SuiteRequest read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf("\n\n");
            List<String> lines = Arrays.asList(text.substring(0, end).split("\n"));
            String requestLine = lines.get(0);
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String last = null;
            for (String line : lines.subList(1, lines.size())) {
                if (Character.isWhitespace(line.charAt(0))) {
                    // The suite reads a continuation line as one more value of the header.
                    headers.get(last).add(line);
                    continue;
                }
                int colon = line.indexOf(':');
                last = line.substring(0, colon).toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
            }
            byte[] body = text.substring(end + 2).getBytes(StandardCharsets.UTF_8);
            if (headers.containsKey("content-length")) {
                body = Arrays.copyOf(body, Integer.parseInt(headers.get("content-length").get(0).strip()));
            }
            int query = target.indexOf('?');
            SignableRequest signable = new SignableRequest(method,
                    query < 0 ? target : target.substring(0, query), query < 0 ? "" : target.substring(query + 1),
                    name -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
            return new SuiteRequest(signable, body);
        }

        String bodyHash() {
            return Signing.sha256Hex(body);
        }
    }
}
