package io.ticketgate.agent.control.auth;

import java.util.Objects;

/**
 * A SigV4 key pair the control API accepts: an access key id and its secret access key.
 * {@link #toString()} never shows the secret, so a key pair can be logged or put in an error.
 */
public record AccessKey(String accessKeyId, String secretKey) {

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", secret hidden]";
    }
}
