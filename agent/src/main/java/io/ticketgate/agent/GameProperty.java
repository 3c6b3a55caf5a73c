package io.ticketgate.agent;

import java.util.Objects;

/**
 * A key-value pair of a game session, as in GameLift.
 *
 * @param key at most 32 characters
 * @param value at most 96 characters
 */
public record GameProperty(String key, String value) {
    public GameProperty {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
