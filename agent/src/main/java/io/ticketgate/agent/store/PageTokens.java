package io.ticketgate.agent.store;

import io.ticketgate.agent.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident NextTokens. A token names the position after the last item returned (a
 * creation sequence number), so a walk is stable while sessions are added or change status, and
 * a token can be presented again with the same result. It is signed with a per-agent random key
 * together with the query it belongs to, so a forged token, or one from another query, is
 * rejected.
 */
final class PageTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;

    /** One keyed Mac a thread: looking one up and keying it cost more than the rest of a page. */
    private final ThreadLocal<Mac> macs;

    PageTokens(SecureRandom random) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> keyedMac(key));
    }

    private static Mac keyedMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Returns the token for the page after the item with {@code lastSequence}. */
    String encode(String query, long lastSequence) {
        ByteBuffer token = ByteBuffer.allocate(Long.BYTES + MAC_BYTES);
        token.putLong(lastSequence).put(mac(query, lastSequence));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /**
     * Returns the sequence number {@code token} resumes after.
     *
     * @throws InvalidRequestException if the token was not issued by this agent for this query
     */
    long decode(String query, String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length != Long.BYTES + MAC_BYTES) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long lastSequence = buffer.getLong();
        byte[] presented = new byte[MAC_BYTES];
        buffer.get(presented);
        if (!MessageDigest.isEqual(presented, mac(query, lastSequence))) {
            throw invalid();
        }
        return lastSequence;
    }

    private byte[] mac(String query, long lastSequence) {
        Mac mac = macs.get();
        mac.reset();
        mac.update(query.getBytes(StandardCharsets.UTF_8));
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(lastSequence).array());
        byte[] full = mac.doFinal();
        byte[] truncated = new byte[MAC_BYTES];
        System.arraycopy(full, 0, truncated, 0, MAC_BYTES);
        return truncated;
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("NextToken is not valid for this request");
    }
}
