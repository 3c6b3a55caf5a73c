package io.ticketgate.agent;

import java.util.List;

/**
 * Changes to a game session, as GameLift's {@code UpdateGameSession} takes them. A null member
 * leaves that setting as it is.
 *
 * @param gameSessionId the game session to change (required)
 * @param maximumPlayerSessionCount new slot count, at least 0; lowering it below the current
 *     count removes nobody but refuses new reservations until players leave
 * @param name new label, 1..1024 characters
 * @param playerSessionCreationPolicy whether to accept new player sessions
 * @param protectionPolicy GameLift's protection policy, recorded as given
 * @param gameProperties adds these properties and changes the values of those whose key exists,
 *     as GameLift does; none is removed, and the game session may hold up to 16
 */
public record UpdateGameSessionRequest(
        String gameSessionId,
        Integer maximumPlayerSessionCount,
        String name,
        PlayerSessionCreationPolicy playerSessionCreationPolicy,
        ProtectionPolicy protectionPolicy,
        List<GameProperty> gameProperties) {

    public UpdateGameSessionRequest {
        gameProperties = gameProperties == null ? null : List.copyOf(gameProperties);
    }

    /** Returns a builder of changes to the game session {@code gameSessionId}. */
    public static Builder builder(String gameSessionId) {
        return new Builder(gameSessionId);
    }

    /** Builds an {@link UpdateGameSessionRequest}; settings left unset stay as they are. */
    public static final class Builder {
        private final String gameSessionId;
        private Integer maximumPlayerSessionCount;
        private String name;
        private PlayerSessionCreationPolicy playerSessionCreationPolicy;
        private ProtectionPolicy protectionPolicy;
        private List<GameProperty> gameProperties;

        private Builder(String gameSessionId) {
            this.gameSessionId = gameSessionId;
        }

        public Builder maximumPlayerSessionCount(int maximumPlayerSessionCount) {
            this.maximumPlayerSessionCount = maximumPlayerSessionCount;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder playerSessionCreationPolicy(PlayerSessionCreationPolicy policy) {
            this.playerSessionCreationPolicy = policy;
            return this;
        }

        public Builder protectionPolicy(ProtectionPolicy protectionPolicy) {
            this.protectionPolicy = protectionPolicy;
            return this;
        }

        public Builder gameProperties(List<GameProperty> gameProperties) {
            this.gameProperties = gameProperties;
            return this;
        }

        public UpdateGameSessionRequest build() {
            return new UpdateGameSessionRequest(gameSessionId, maximumPlayerSessionCount, name,
                    playerSessionCreationPolicy, protectionPolicy, gameProperties);
        }
    }
}
