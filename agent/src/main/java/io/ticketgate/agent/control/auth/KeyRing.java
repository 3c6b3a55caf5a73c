package io.ticketgate.agent.control.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The secret of each access key id the control API accepts; several at once, so keys rotate without downtime. */
final class KeyRing {

    private final Map<String, String> secrets = new HashMap<>();

    /** @throws IllegalArgumentException if an access key id is given twice */
    KeyRing(List<AccessKey> keys) {
        for (AccessKey key : keys) {
            if (secrets.putIfAbsent(key.accessKeyId(), key.secretKey()) != null) {
                throw new IllegalArgumentException("the access key id " + key.accessKeyId() + " is given twice");
            }
        }
    }

    /** Returns the secret of an access key id, or null if it is not accepted. */
    String secretOf(String accessKeyId) {
        return secrets.get(accessKeyId);
    }
}
