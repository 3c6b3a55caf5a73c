package io.ticketgate.agent.control.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SigV4 key pair the control API accepts: an access key id and its secret access key.
 * {@link #toString()} never shows the secret, so a key pair can be logged or put in an error.
 */
public record AccessKey(String accessKeyId, String secretKey) {

    /** What an access key id may hold: it travels inside the Authorization header's Credential. */
    public static final String ID_RULE = "printable ASCII without spaces, /, , or =";
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7e&&[^/,=]]+");

    /** True if {@code accessKeyId} keeps {@link #ID_RULE}. */
    public static boolean isValidId(String accessKeyId) {
        return accessKeyId != null && ID.matcher(accessKeyId).matches();
    }

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", secret hidden]";
    }
}
