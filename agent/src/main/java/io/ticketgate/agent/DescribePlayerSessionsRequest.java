package io.ticketgate.agent;

/**
 * Which player sessions to describe, with the rules of GameLift's {@code DescribePlayerSessions}:
 * exactly the sessions of one player session id, one game session or one player id (at least one
 * is required; when several are given, a session must match all), optionally filtered by status.
 * The status filter is ignored when a player session id or a player id is given.
 *
 * @param gameSessionId the game session's ARN, or null
 * @param playerId the player id, or null
 * @param playerSessionId the player session id, or null
 * @param statusFilter RESERVED, ACTIVE, COMPLETED or TIMEDOUT; null for all
 * @param limit the most items on one page (at least 1); null for the agent's default
 * @param nextToken the token of the previous page; null for the first
 */
public record DescribePlayerSessionsRequest(
        String gameSessionId,
        String playerId,
        String playerSessionId,
        PlayerSessionStatus statusFilter,
        Integer limit,
        String nextToken) {

    /** All player sessions of one game session. */
    public static DescribePlayerSessionsRequest byGameSession(String gameSessionId) {
        return new DescribePlayerSessionsRequest(gameSessionId, null, null, null, null, null);
    }

    /** All player sessions of one player. */
    public static DescribePlayerSessionsRequest byPlayer(String playerId) {
        return new DescribePlayerSessionsRequest(null, playerId, null, null, null, null);
    }

    /** One player session. */
    public static DescribePlayerSessionsRequest byPlayerSession(String playerSessionId) {
        return new DescribePlayerSessionsRequest(null, null, playerSessionId, null, null, null);
    }

    /** This request, filtered to one status. */
    public DescribePlayerSessionsRequest withStatus(PlayerSessionStatus status) {
        return new DescribePlayerSessionsRequest(gameSessionId, playerId, playerSessionId, status, limit, nextToken);
    }

    /** This request, with pages of at most {@code limit} items. */
    public DescribePlayerSessionsRequest withLimit(int limit) {
        return new DescribePlayerSessionsRequest(gameSessionId, playerId, playerSessionId, statusFilter, limit,
                nextToken);
    }

    /** This request, for the page after the one that returned {@code nextToken}. */
    public DescribePlayerSessionsRequest withNextToken(String nextToken) {
        return new DescribePlayerSessionsRequest(gameSessionId, playerId, playerSessionId, statusFilter, limit,
                nextToken);
    }
}
