package io.ticketgate.agent;

import java.time.Instant;

/**
 * A snapshot of a player session, with the fields of GameLift's {@code PlayerSession}. Snapshots
 * never change; ask the agent again for the current state.
 *
 * @param playerSessionId {@code psess-} and a random UUID
 * @param playerId the developer-defined player id given at reservation
 * @param gameSessionId the game session the player is reserved in
 * @param fleetId the fleet this agent serves
 * @param fleetArn the ARN of that fleet
 * @param creationTime when the reservation was made
 * @param terminationTime when the session became COMPLETED or TIMEDOUT; null before
 * @param status the status at the time of the snapshot
 * @param ipAddress the address players connect to
 * @param dnsName the DNS name players connect to; null if none is advertised
 * @param port the port players connect to
 * @param playerData the developer-defined data given at reservation; null if none
 */
public record PlayerSession(
        String playerSessionId,
        String playerId,
        String gameSessionId,
        String fleetId,
        String fleetArn,
        Instant creationTime,
        Instant terminationTime,
        PlayerSessionStatus status,
        String ipAddress,
        String dnsName,
        int port,
        String playerData) {
}
