package io.ticketgate.agent.control;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of a player's sessions across a fleet: this agent's own (as it has them now) and the
 * other agents' (as the fleet last copied them), in creation order, then by id. The NextToken
 * names the last session returned, so any agent of the fleet continues the same listing, and a
 * session created meanwhile never shifts a page.
 */
final class FleetPlayerPages {

    private static final String TOKEN_PREFIX = "fleet1.";
    private static final Comparator<PlayerSession> ORDER = Comparator.comparing(PlayerSession::creationTime)
            .thenComparing(PlayerSession::playerSessionId);

    private FleetPlayerPages() {
    }

    /**
     * @param own this agent's sessions of the player, which win over the fleet's copies of them
     * @param fleet every agent's sessions of the player, as the fleet has them
     * @throws InvalidRequestException for a NextToken that is not this listing's
     */
    static Page<PlayerSession> page(DescribePlayerSessionsRequest request, List<PlayerSession> own,
            List<PlayerSession> fleet, int defaultLimit) {
        Map<String, PlayerSession> merged = new LinkedHashMap<>();
        fleet.forEach(session -> merged.put(session.playerSessionId(), session));
        own.forEach(session -> merged.put(session.playerSessionId(), session));
        List<PlayerSession> listing = new ArrayList<>();
        for (PlayerSession session : merged.values()) {
            if (request.gameSessionId() == null || request.gameSessionId().equals(session.gameSessionId())) {
                listing.add(session);
            }
        }
        listing.sort(ORDER);
        String query = query(request);
        int from = 0;
        if (request.nextToken() != null) {
            PlayerSession after = cursor(request.nextToken(), query);
            while (from < listing.size() && ORDER.compare(listing.get(from), after) <= 0) {
                from++;
            }
        }
        int limit = request.limit() != null ? request.limit() : defaultLimit;
        int to = Math.min(listing.size(), from + limit);
        List<PlayerSession> items = listing.subList(from, to);
        Optional<String> next = to < listing.size() ? Optional.of(token(items.get(items.size() - 1), query))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static String query(DescribePlayerSessionsRequest request) {
        return request.playerId() + "|" + request.gameSessionId();
    }

    private static String token(PlayerSession last, String query) {
        String text = last.creationTime().getEpochSecond() + "." + last.creationTime().getNano() + "."
                + last.playerSessionId() + "." + query;
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** The last session of the page the token ended: only its creation time and id count. */
    private static PlayerSession cursor(String token, String query) {
        try {
            if (!token.startsWith(TOKEN_PREFIX)) {
                throw new IllegalArgumentException("prefix");
            }
            String text = new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                    StandardCharsets.UTF_8);
            String[] parts = text.split("\\.", 4);
            if (parts.length != 4 || !parts[3].equals(query)) {
                throw new IllegalArgumentException("query");
            }
            Instant created = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new PlayerSession(parts[2], null, null, null, null, created, null, null, null, null, 0, null);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidRequestException("NextToken is not one this listing returned");
        }
    }
}
