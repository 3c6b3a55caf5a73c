package io.ticketgate.agent.store;

import io.ticketgate.agent.GameSessionActivation;
import java.time.Duration;

/**
 * What the store needs to know, already validated by the agent's builder.
 *
 * @param fleetId the fleet this agent serves ({@code fleet-...})
 * @param region the region written into ARNs
 * @param accountId the account written into the fleet ARN
 * @param advertiseIp the IpAddress reported in sessions
 * @param advertiseDns the DnsName reported in sessions; null for none
 * @param advertisePort the Port reported in sessions
 * @param reservationTimeout RESERVED becomes TIMEDOUT after this
 * @param reconnectGrace how long a dropped ACTIVE player may come back; zero for never
 * @param retention how long ended sessions stay describable
 * @param maxRetainedPlayerSessions the most ended player sessions kept
 * @param maxRetainedGameSessions the most ended game sessions kept
 * @param maxLiveGameSessions the most game sessions not yet ended
 * @param activation how a new game session becomes ACTIVE
 * @param defaultPageLimit page size when a describe call gives no limit
 * @param fleetArn the fleet's ARN, as GameLift writes it; the shorter constructor derives it, and
 *     every session shares the one string
 */
public record StoreSettings(
        String fleetId,
        String region,
        String accountId,
        String advertiseIp,
        String advertiseDns,
        int advertisePort,
        Duration reservationTimeout,
        Duration reconnectGrace,
        Duration retention,
        int maxRetainedPlayerSessions,
        int maxRetainedGameSessions,
        int maxLiveGameSessions,
        GameSessionActivation activation,
        int defaultPageLimit,
        String fleetArn) {

    /** Settings whose fleet ARN is derived from the fleet id, region and account. */
    public StoreSettings(String fleetId, String region, String accountId, String advertiseIp, String advertiseDns,
            int advertisePort, Duration reservationTimeout, Duration reconnectGrace, Duration retention,
            int maxRetainedPlayerSessions, int maxRetainedGameSessions, int maxLiveGameSessions,
            GameSessionActivation activation, int defaultPageLimit) {
        this(fleetId, region, accountId, advertiseIp, advertiseDns, advertisePort, reservationTimeout, reconnectGrace,
                retention, maxRetainedPlayerSessions, maxRetainedGameSessions, maxLiveGameSessions, activation,
                defaultPageLimit, "arn:aws:gamelift:" + region + ":" + accountId + ":fleet/" + fleetId);
    }

    /** Returns the ARN of the game session with the last part {@code id}. */
    public String gameSessionArn(String id) {
        return "arn:aws:gamelift:" + region + "::gamesession/" + fleetId + "/" + id;
    }
}
