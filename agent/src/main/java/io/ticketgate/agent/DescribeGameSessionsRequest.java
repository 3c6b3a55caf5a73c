package io.ticketgate.agent;

/**
 * Which game sessions to describe, as GameLift's {@code DescribeGameSessions} takes them.
 *
 * @param gameSessionId one game session's ARN; null for all of this agent's fleet
 * @param statusFilter ACTIVATING, ACTIVE, TERMINATING, TERMINATED or ERROR; null for all
 * @param limit the most items on one page (at least 1); null for the agent's default
 * @param nextToken the token of the previous page; null for the first
 */
public record DescribeGameSessionsRequest(
        String gameSessionId,
        GameSessionStatus statusFilter,
        Integer limit,
        String nextToken) {

    /** All game sessions. */
    public static DescribeGameSessionsRequest all() {
        return new DescribeGameSessionsRequest(null, null, null, null);
    }

    /** One game session. */
    public static DescribeGameSessionsRequest byGameSession(String gameSessionId) {
        return new DescribeGameSessionsRequest(gameSessionId, null, null, null);
    }

    /** This request, filtered to one status. */
    public DescribeGameSessionsRequest withStatus(GameSessionStatus status) {
        return new DescribeGameSessionsRequest(gameSessionId, status, limit, nextToken);
    }

    /** This request, with pages of at most {@code limit} items. */
    public DescribeGameSessionsRequest withLimit(int limit) {
        return new DescribeGameSessionsRequest(gameSessionId, statusFilter, limit, nextToken);
    }

    /** This request, for the page after the one that returned {@code nextToken}. */
    public DescribeGameSessionsRequest withNextToken(String nextToken) {
        return new DescribeGameSessionsRequest(gameSessionId, statusFilter, limit, nextToken);
    }
}
