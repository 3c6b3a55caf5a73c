package io.ticketgate.agent.control.auth;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SigV4's arithmetic, on the JDK's own SHA-256 and HMAC-SHA256: nothing hand-rolled. */
final class Signing {

    private static final String HMAC = "HmacSHA256";

    private Signing() {
    }

    /** Returns the string to sign for a canonical request signed at {@code amzDate} in {@code scope}. */
    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return AuthorizationHeader.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the signature, in lower-case hex, of {@code stringToSign} with a key derived from the secret. */
    static String signature(String secretKey, String date, String region, String service, String stringToSign) {
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, AuthorizationHeader.TERMINATOR);
        return hex(hmac(key, stringToSign));
    }

    /** Returns the SHA-256 of the readable bytes, read in place: a 2 MiB body is never copied. */
    static String sha256Hex(ByteBuf body) {
        MessageDigest digest = sha256();
        if (body.nioBufferCount() >= 0) {
            for (ByteBuffer buffer : body.nioBuffers(body.readerIndex(), body.readableBytes())) {
                digest.update(buffer);
            }
        } else {
            byte[] chunk = new byte[8192];
            for (int at = body.readerIndex(); at < body.writerIndex(); at += chunk.length) {
                int length = Math.min(chunk.length, body.writerIndex() - at);
                body.getBytes(at, chunk, 0, length);
                digest.update(chunk, 0, length);
            }
        }
        return hex(digest.digest());
    }

    static String sha256Hex(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** Compares in time that does not depend on where the two differ. */
    static boolean sameInConstantTime(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + HMAC, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
