package io.ticketgate.agent;

import java.util.List;

/**
 * What a new game session should be, as GameLift's {@code CreateGameSession} takes it.
 *
 * @param maximumPlayerSessionCount slots for players, at least 0 (required)
 * @param name a label, 1..1024 characters; null for none
 * @param gameProperties up to 16 key-value pairs (keys up to 32, values up to 96 characters)
 * @param gameSessionData free-form data for the game, 1..262144 characters; null for none
 * @param creatorId who asked for it, 1..1024 characters; null for none
 * @param gameSessionId a custom id for the last part of the game session ARN, 1..48 characters
 *     of {@code [a-zA-Z0-9-]}; null to have one generated
 * @param idempotencyToken a token that makes retries safe: a second request with the same
 *     token returns the first game session instead of creating another; 1..48 characters of
 *     {@code [a-zA-Z0-9-]}; null for none
 */
public record CreateGameSessionRequest(
        int maximumPlayerSessionCount,
        String name,
        List<GameProperty> gameProperties,
        String gameSessionData,
        String creatorId,
        String gameSessionId,
        String idempotencyToken) {

    public CreateGameSessionRequest {
        gameProperties = gameProperties == null ? List.of() : List.copyOf(gameProperties);
    }

    /** Returns a builder for a game session with {@code maximumPlayerSessionCount} slots. */
    public static Builder builder(int maximumPlayerSessionCount) {
        return new Builder(maximumPlayerSessionCount);
    }

    /** Builds a {@link CreateGameSessionRequest}; every setting but the slot count is optional. */
    public static final class Builder {
        private final int maximumPlayerSessionCount;
        private String name;
        private List<GameProperty> gameProperties = List.of();
        private String gameSessionData;
        private String creatorId;
        private String gameSessionId;
        private String idempotencyToken;

        private Builder(int maximumPlayerSessionCount) {
            this.maximumPlayerSessionCount = maximumPlayerSessionCount;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder gameProperties(List<GameProperty> gameProperties) {
            this.gameProperties = gameProperties;
            return this;
        }

        public Builder gameSessionData(String gameSessionData) {
            this.gameSessionData = gameSessionData;
            return this;
        }

        public Builder creatorId(String creatorId) {
            this.creatorId = creatorId;
            return this;
        }

        public Builder gameSessionId(String gameSessionId) {
            this.gameSessionId = gameSessionId;
            return this;
        }

        public Builder idempotencyToken(String idempotencyToken) {
            this.idempotencyToken = idempotencyToken;
            return this;
        }

        public CreateGameSessionRequest build() {
            return new CreateGameSessionRequest(maximumPlayerSessionCount, name, gameProperties, gameSessionData,
                    creatorId, gameSessionId, idempotencyToken);
        }
    }
}
