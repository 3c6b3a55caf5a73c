package io.ticketgate.agent.control.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * Checks a request's AWS Signature Version 4 as the AWS SDKs compute it: the key pair is one
 * the agent accepts, the signing time is within 5 minutes of the agent's clock, the payload
 * hash is the body's, and the signature recomputed from the canonical request is the one sent
 * (compared in constant time). Any region is accepted; the service must be this one.
 */
final class SigV4Verifier {

    static final String AMZ_DATE = "x-amz-date";
    static final String CONTENT_SHA256 = "x-amz-content-sha256";
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final KeyRing keys;
    private final Clock clock;
    private final String service;

    SigV4Verifier(KeyRing keys, Clock clock, String service) {
        this.keys = keys;
        this.clock = clock;
        this.service = service;
    }

    /**
     * Returns normally if the request is signed by an accepted key pair.
     *
     * @param payloadHash the body's SHA-256 in lower-case hex, computed only when needed
     * @throws UnauthorizedException saying which refusal and why
     */
    void verify(SignableRequest request, Supplier<String> payloadHash) throws UnauthorizedException {
        AuthorizationHeader authorization = AuthorizationHeader.parse(request.header("authorization"));
        String secret = keys.secretOf(authorization.accessKeyId());
        if (secret == null) {
            throw Refusal.UNKNOWN_KEY.because("the access key id " + authorization.accessKeyId()
                    + " is not one this agent accepts");
        }
        if (!authorization.service().equals(service)) {
            throw Refusal.SIGNATURE_MISMATCH.because("the request is signed for the service "
                    + authorization.service() + ", not " + service);
        }
        if (!authorization.signedHeaders().contains("host")) {
            throw Refusal.SIGNATURE_MISMATCH.because("SignedHeaders must include host");
        }
        String amzDate = request.header(AMZ_DATE);
        if (amzDate == null) {
            throw Refusal.MISSING_SIGNATURE.because("the request has no X-Amz-Date header: the signing time");
        }
        if (!authorization.signedHeaders().contains(AMZ_DATE)) {
            throw Refusal.SIGNATURE_MISMATCH.because("SignedHeaders must include x-amz-date");
        }
        checkTime(amzDate.strip(), authorization);
        String bodyHash = payloadHash.get();
        String claimedHash = request.header(CONTENT_SHA256);
        if (claimedHash != null && !claimedHash.strip().equals(bodyHash)) {
            throw Refusal.SIGNATURE_MISMATCH.because("X-Amz-Content-Sha256 is not the SHA-256 of the body");
        }
        String canonicalRequest = CanonicalRequest.of(request, authorization.signedHeaders(), bodyHash);
        String stringToSign = Signing.stringToSign(amzDate.strip(), authorization.scope(), canonicalRequest);
        String expected = Signing.signature(secret, authorization.date(), authorization.region(),
                authorization.service(), stringToSign);
        if (!Signing.sameInConstantTime(expected, authorization.signature())) {
            throw Refusal.SIGNATURE_MISMATCH.because("the signature calculated for the request does not match the"
                    + " one sent; check the secret access key and the signing method");
        }
    }

    private void checkTime(String amzDate, AuthorizationHeader authorization) throws UnauthorizedException {
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Refusal.SIGNATURE_MISMATCH.because("X-Amz-Date must be written yyyyMMddTHHmmssZ, was " + amzDate);
        }
        if (!amzDate.startsWith(authorization.date())) {
            throw Refusal.SIGNATURE_MISMATCH.because("the credential scope's date " + authorization.date()
                    + " is not the date of X-Amz-Date " + amzDate);
        }
        Instant now = clock.instant();
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            throw Refusal.REQUEST_TOO_OLD.because("X-Amz-Date " + amzDate + " is more than "
                    + MAX_SKEW.toMinutes() + " minutes from the agent's clock, "
                    + AMZ_DATE_FORMAT.format(now.atOffset(ZoneOffset.UTC)));
        }
    }
}
