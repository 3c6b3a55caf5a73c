package io.ticketgate.agent.fleet;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.Page;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pages of every game session of a fleet, for DescribeGameSessions by FleetId through any agent:
 * the fleet's index ({@code tg:{FLEET_ID}:game-sessions}, scored by creation time, written by
 * each agent's mirror) read in creation order, then by id, each game session as this agent has it
 * if it holds it, else as the fleet copied it. The NextToken names the last position read, so
 * any agent continues the listing and a game session created meanwhile never shifts a page. A
 * page reads at most {@link #MOST_READ} entries of the index, so a status filter that matches
 * few never makes a call long: it may then return fewer items than its Limit, with a NextToken.
 */
final class FleetGameSessionPages {

    static final int MOST_READ = 1_000;
    private static final int BATCH = 100;
    private static final String TOKEN_PREFIX = "fleet1g.";

    private final FleetConnection redis;
    private final String index;
    private final Function<String, Optional<GameSession>> copied;

    /** @param copied a game session as the fleet copied it, if it still has it */
    FleetGameSessionPages(FleetConnection redis, String fleetId, Function<String, Optional<GameSession>> copied) {
        this.redis = redis;
        this.index = new FleetKeys(fleetId).gameSessions();
        this.copied = copied;
    }

    /**
     * One page.
     *
     * @param own this agent's own game session by id, which wins over the fleet's copy
     * @throws InvalidRequestException for a NextToken that is not this listing's
     * @throws FleetUnreachableException if Redis does not answer
     */
    Page<GameSession> page(GameSessionStatus status, int limit, String nextToken,
            Function<String, Optional<GameSession>> own) throws FleetUnreachableException {
        String query = String.valueOf(status);
        Position after = nextToken == null ? null : Position.decode(nextToken, query);
        List<GameSession> items = new ArrayList<>();
        Position lastReturned = after;
        Position lastRead = after;
        int read = 0;
        for (int offset = 0; ; offset += BATCH) {
            Range<Long> from = Range.create(after == null ? Long.MIN_VALUE : after.millis(), Long.MAX_VALUE);
            List<ScoredValue<String>> batch = FleetConnection.await(redis.calls().zrangebyscoreWithScores(index,
                    from, Limit.create(offset, BATCH)), "list the fleet's game sessions");
            for (ScoredValue<String> entry : batch) {
                Position here = new Position((long) entry.getScore(), entry.getValue());
                if (after != null && !here.isAfter(after)) {
                    continue;
                }
                if (read++ == MOST_READ) {
                    return new Page<>(items, Optional.of(lastRead.encode(query)));
                }
                lastRead = here;
                Optional<GameSession> game = own.apply(here.id()).or(() -> copied.apply(here.id()));
                if (game.isEmpty()) {
                    // Its copy expired with its retention.
                    redis.calls().zrem(index, here.id());
                    continue;
                }
                if (status != null && game.get().status() != status) {
                    continue;
                }
                if (items.size() == limit) {
                    return new Page<>(items, Optional.of(lastReturned.encode(query)));
                }
                items.add(game.get());
                lastReturned = here;
            }
            if (batch.size() < BATCH) {
                return new Page<>(items, Optional.empty());
            }
        }
    }

    /** A place in the index: creation time in milliseconds, then id, as Redis orders equal scores. */
    private record Position(long millis, String id) {

        boolean isAfter(Position other) {
            return millis != other.millis ? millis > other.millis : id.compareTo(other.id) > 0;
        }

        String encode(String query) {
            String text = millis + "." + query + "." + id;
            return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String token, String query) {
            try {
                if (!token.startsWith(TOKEN_PREFIX)) {
                    throw new IllegalArgumentException("not a fleet token");
                }
                String text = new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                        StandardCharsets.UTF_8);
                int first = text.indexOf('.');
                String rest = text.substring(first + 1);
                if (!rest.startsWith(query + ".")) {
                    throw new IllegalArgumentException("another query's token");
                }
                return new Position(Long.parseLong(text.substring(0, first)), rest.substring(query.length() + 1));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("NextToken is not valid for this request");
            }
        }
    }
}
