package io.ticketgate.agent;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a game session, with the fields of GameLift's {@code GameSession} that apply to
 * a self-hosted server (plus its protection policy, from {@code GameSessionDetail}).
 *
 * @param gameSessionId {@code arn:aws:gamelift:<region>::gamesession/<fleet-id>/<id>}
 * @param name a label; null if none was given
 * @param fleetId the fleet this agent serves
 * @param fleetArn the ARN of that fleet
 * @param creationTime when it was created
 * @param terminationTime when it became TERMINATED; null before
 * @param currentPlayerSessionCount player sessions that hold a slot (RESERVED and ACTIVE)
 * @param maximumPlayerSessionCount slots in all
 * @param status the status at the time of the snapshot
 * @param playerSessionCreationPolicy whether it accepts new player sessions
 * @param protectionPolicy GameLift's protection policy, recorded as given
 * @param ipAddress the address players connect to
 * @param dnsName the DNS name players connect to; null if none is advertised
 * @param port the port players connect to
 * @param gameProperties the game's key-value properties, never null
 * @param gameSessionData the game's free-form data; null if none
 * @param creatorId the player or entity that asked for it; null if none
 */
public record GameSession(
        String gameSessionId,
        String name,
        String fleetId,
        String fleetArn,
        Instant creationTime,
        Instant terminationTime,
        int currentPlayerSessionCount,
        int maximumPlayerSessionCount,
        GameSessionStatus status,
        PlayerSessionCreationPolicy playerSessionCreationPolicy,
        ProtectionPolicy protectionPolicy,
        String ipAddress,
        String dnsName,
        int port,
        List<GameProperty> gameProperties,
        String gameSessionData,
        String creatorId) {

    public GameSession {
        gameProperties = List.copyOf(gameProperties);
    }
}
