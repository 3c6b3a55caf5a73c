package io.ticketgate.agent.control.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code Authorization} header of a SigV4-signed request, as the AWS SDKs write it:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20261205/us-east-1/gamelift/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<64 hex digits>}.
 *
 * @param signedHeaders lower-case header names, in the order the client signed them
 */
record AuthorizationHeader(String accessKeyId, String date, String region, String service,
        List<String> signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";
    private static final String FORM = ALGORITHM + " Credential=ID/DATE/REGION/SERVICE/" + TERMINATOR
            + ", SignedHeaders=..., Signature=...";

    /** Returns the credential scope: {@code DATE/REGION/SERVICE/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    /** Returns the signed header names as the canonical request lists them. */
    String signedHeaderList() {
        return String.join(";", signedHeaders);
    }

    /**
     * Parses the header's value.
     *
     * @throws UnauthorizedException (missing signature) if it is absent or not of SigV4's form
     */
    static AuthorizationHeader parse(String value) throws UnauthorizedException {
        if (value == null) {
            throw Refusal.MISSING_SIGNATURE.because("the request is not signed; GameLift operations need an"
                    + " AWS Signature Version 4 Authorization header");
        }
        String text = value.strip();
        if (!text.startsWith(ALGORITHM + " ")) {
            throw Refusal.MISSING_SIGNATURE.because("the Authorization header must be " + FORM);
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : text.substring(ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0 || parts.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip()) != null) {
                throw Refusal.MISSING_SIGNATURE.because("the Authorization header must be " + FORM);
            }
        }
        String credential = parts.get("Credential");
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signedHeaders == null || signature == null || parts.size() != 3) {
            throw Refusal.MISSING_SIGNATURE.because("the Authorization header must be " + FORM);
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty) || !scope[4].equals(TERMINATOR)) {
            throw Refusal.MISSING_SIGNATURE.because("the Authorization header's Credential must be"
                    + " ID/DATE/REGION/SERVICE/" + TERMINATOR);
        }
        if (!signature.matches("[0-9a-f]{64}")) {
            throw Refusal.MISSING_SIGNATURE.because("the Authorization header's Signature must be 64 lower-case"
                    + " hex digits");
        }
        List<String> headers = List.of(signedHeaders.split(";", -1));
        if (headers.stream().anyMatch(name -> name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)))) {
            throw Refusal.MISSING_SIGNATURE.because("the Authorization header's SignedHeaders must be lower-case"
                    + " header names joined by ;");
        }
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], headers, signature);
    }
}
