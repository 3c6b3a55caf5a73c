package io.ticketgate.agent.proxy;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The secret the agent signs each PROXY v2 header with (TLV 0xE4), shared with the game server.
 * Its bytes never leave this object but as an HMAC key: {@link #toString()} hides them, so the
 * settings that hold it can be logged or put in an error.
 */
public final class UpstreamSecret {

    private final byte[] key;

    private UpstreamSecret(byte[] key) {
        this.key = key;
    }

    /**
     * @param key the secret's bytes, copied
     * @throws IllegalArgumentException if there are none: an empty HMAC key signs nothing
     */
    public static UpstreamSecret of(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("the upstream secret is empty");
        }
        return new UpstreamSecret(key.clone());
    }

    /** Returns a copy of the bytes, for the HMAC key. */
    byte[] key() {
        return key.clone();
    }

    /** Equal to a secret of the same bytes, compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UpstreamSecret secret && MessageDigest.isEqual(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "UpstreamSecret[hidden]";
    }
}
