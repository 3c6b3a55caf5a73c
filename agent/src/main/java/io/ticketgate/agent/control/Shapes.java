package io.ticketgate.agent.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import java.time.Instant;
import java.util.List;

/**
 * The response shapes of the GameLift model, member for member. Both wire formats serialize
 * these same records; only how an {@link Instant} is written differs (see {@link WireFormat}).
 * Absent members are left out, as AWS services do.
 */
final class Shapes {

    private Shapes() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GamePropertyShape(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {

        static GamePropertyShape of(GameProperty property) {
            return new GamePropertyShape(property.key(), property.value());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GameSessionShape(
            @JsonProperty("GameSessionId") String gameSessionId,
            @JsonProperty("Name") String name,
            @JsonProperty("FleetId") String fleetId,
            @JsonProperty("FleetArn") String fleetArn,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("TerminationTime") Instant terminationTime,
            @JsonProperty("CurrentPlayerSessionCount") int currentPlayerSessionCount,
            @JsonProperty("MaximumPlayerSessionCount") int maximumPlayerSessionCount,
            @JsonProperty("Status") String status,
            @JsonProperty("GameProperties") List<GamePropertyShape> gameProperties,
            @JsonProperty("IpAddress") String ipAddress,
            @JsonProperty("DnsName") String dnsName,
            @JsonProperty("Port") int port,
            @JsonProperty("PlayerSessionCreationPolicy") String playerSessionCreationPolicy,
            @JsonProperty("CreatorId") String creatorId,
            @JsonProperty("GameSessionData") String gameSessionData,
            @JsonProperty("Location") String location) {

        static GameSessionShape of(GameSession session, String location) {
            return new GameSessionShape(session.gameSessionId(), session.name(), session.fleetId(),
                    session.fleetArn(), session.creationTime(), session.terminationTime(),
                    session.currentPlayerSessionCount(), session.maximumPlayerSessionCount(),
                    session.status().name(),
                    session.gameProperties().stream().map(GamePropertyShape::of).toList(),
                    session.ipAddress(), session.dnsName(), session.port(),
                    session.playerSessionCreationPolicy().name(), session.creatorId(), session.gameSessionData(),
                    location);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GameSessionDetailShape(
            @JsonProperty("GameSession") GameSessionShape gameSession,
            @JsonProperty("ProtectionPolicy") String protectionPolicy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlayerSessionShape(
            @JsonProperty("PlayerSessionId") String playerSessionId,
            @JsonProperty("PlayerId") String playerId,
            @JsonProperty("GameSessionId") String gameSessionId,
            @JsonProperty("FleetId") String fleetId,
            @JsonProperty("FleetArn") String fleetArn,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("TerminationTime") Instant terminationTime,
            @JsonProperty("Status") String status,
            @JsonProperty("IpAddress") String ipAddress,
            @JsonProperty("DnsName") String dnsName,
            @JsonProperty("Port") int port,
            @JsonProperty("PlayerData") String playerData) {

        static PlayerSessionShape of(PlayerSession session) {
            return new PlayerSessionShape(session.playerSessionId(), session.playerId(), session.gameSessionId(),
                    session.fleetId(), session.fleetArn(), session.creationTime(), session.terminationTime(),
                    session.status().name(), session.ipAddress(), session.dnsName(), session.port(),
                    session.playerData());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GameSessionOutput(@JsonProperty("GameSession") GameSessionShape gameSession) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GameSessionsOutput(
            @JsonProperty("GameSessions") List<GameSessionShape> gameSessions,
            @JsonProperty("NextToken") String nextToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GameSessionDetailsOutput(
            @JsonProperty("GameSessionDetails") List<GameSessionDetailShape> gameSessionDetails,
            @JsonProperty("NextToken") String nextToken) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlayerSessionOutput(@JsonProperty("PlayerSession") PlayerSessionShape playerSession) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlayerSessionsOutput(
            @JsonProperty("PlayerSessions") List<PlayerSessionShape> playerSessions,
            @JsonProperty("NextToken") String nextToken) {
    }

    /** The body of every error: {@code __type} and the model's {@code Message} member. */
    record ErrorShape(@JsonProperty("__type") String type, @JsonProperty("Message") String message) {
    }
}
