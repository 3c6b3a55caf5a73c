package io.ticketgate.agent.store;

import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.InvalidRequestException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The GameLift model's constraints on request members, checked before any state is touched.
 * Messages name the member as the model does, so an SDK user sees which one to fix.
 */
final class RequestRules {

    private static final Pattern ARN = Pattern.compile("[a-zA-Z0-9:/-]+");
    private static final Pattern ID_STRING = Pattern.compile("[a-zA-Z0-9-]+");
    private static final Pattern PLAYER_SESSION_ID = Pattern.compile("^psess-\\S+");

    static final int MAX_PLAYER_IDS = 25;
    static final int MAX_GAME_PROPERTIES = 16;

    private RequestRules() {
    }

    static void requirePresent(String member, Object value) {
        if (value == null) {
            throw new InvalidRequestException(member + " is required");
        }
    }

    static void length(String member, String value, int min, int max) {
        if (value != null && (value.length() < min || value.length() > max)) {
            throw new InvalidRequestException(member + " must be " + min + ".." + max + " characters long, was "
                    + value.length());
        }
    }

    static void gameSessionId(String member, String value) {
        length(member, value, 1, 256);
        if (value != null && !ARN.matcher(value).matches()) {
            throw new InvalidRequestException(member + " must match [a-zA-Z0-9:/-]+");
        }
    }

    static void idString(String member, String value) {
        length(member, value, 1, 48);
        if (value != null && !ID_STRING.matcher(value).matches()) {
            throw new InvalidRequestException(member + " must match [a-zA-Z0-9-]+");
        }
    }

    static void playerSessionId(String member, String value) {
        if (value != null && !PLAYER_SESSION_ID.matcher(value).find()) {
            throw new InvalidRequestException(member + " must match ^psess-\\S+");
        }
    }

    static void playerId(String member, String value) {
        length(member, value, 1, 1024);
    }

    static void playerData(String member, String value) {
        length(member, value, 1, 2048);
    }

    static void atLeast(String member, Integer value, int min) {
        if (value != null && value < min) {
            throw new InvalidRequestException(member + " must be at least " + min + ", was " + value);
        }
    }

    static void gameProperties(List<GameProperty> properties) {
        if (properties == null) {
            return;
        }
        if (properties.size() > MAX_GAME_PROPERTIES) {
            throw new InvalidRequestException("GameProperties may hold at most " + MAX_GAME_PROPERTIES
                    + " properties, had " + properties.size());
        }
        for (GameProperty property : properties) {
            length("GameProperties.Key", property.key(), 0, 32);
            length("GameProperties.Value", property.value(), 0, 96);
        }
    }
}
