package io.ticketgate.agent.fleet;

import io.lettuce.core.ScriptOutputType;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.control.FleetCapacityExceededException;
import io.ticketgate.agent.control.FleetUnavailableException;
import io.ticketgate.agent.control.SessionsElsewhere.Placement;
import java.security.SecureRandom;
import java.util.List;

/**
 * Places new game sessions on the fleet's agents, in one Redis script so that concurrent
 * creates through different agents never overfill one: of the live agents with room (live game
 * sessions plus places held for creates under way, below the agent's --max-game-sessions), one
 * with the fewest, ties broken by a random number the caller draws. The place is held for
 * {@link #HOLD_MILLIS} at most, until the agent's copy lists the game session. A custom id or
 * idempotency token is remembered fleet-wide for the retention, so a retry goes where the first
 * call went.
 */
final class FleetPlacement {

    /** How long a place is held for a create under way: past the command timeout, with margin. */
    static final long HOLD_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** KEYS: the agents hash. ARGV: key prefix, random, custom id or '', retention, now, hold, claim id. */
    private static final String PLACE = String.join("\n",
            "local prefix = ARGV[1]",
            "if ARGV[3] ~= '' then",
            "  local placed = redis.call('GET', prefix .. 'placed:' .. ARGV[3])",
            "  if placed then return {placed, 'again', redis.call('HGET', KEYS[1], placed) or '{}'} end",
            "end",
            "local now = tonumber(ARGV[5])",
            "local agents = redis.call('HGETALL', KEYS[1])",
            "local best, fewest, listings = {}, nil, {}",
            "for i = 1, #agents, 2 do",
            "  local id = agents[i]",
            "  listings[id] = agents[i + 1]",
            "  if redis.call('EXISTS', prefix .. 'agent:' .. id) == 1 then",
            "    local ok, listing = pcall(cjson.decode, agents[i + 1])",
            "    local held = prefix .. 'agent:' .. id .. ':held'",
            "    redis.call('ZREMRANGEBYSCORE', held, '-inf', now)",
            "    local load = redis.call('SCARD', prefix .. 'agent:' .. id .. ':games') + redis.call('ZCARD', held)",
            "    local most = ok and tonumber(listing['MaxGameSessions']) or 0",
            "    if load < most then",
            "      if fewest == nil or load < fewest then best, fewest = {id}, load",
            "      elseif load == fewest then best[#best + 1] = id end",
            "    end",
            "  end",
            "end",
            "if #best == 0 then return {} end",
            "table.sort(best)",
            "local chosen = best[(tonumber(ARGV[2]) % #best) + 1]",
            "redis.call('ZADD', prefix .. 'agent:' .. chosen .. ':held', now + tonumber(ARGV[6]), ARGV[7])",
            "if ARGV[3] ~= '' then redis.call('SET', prefix .. 'placed:' .. ARGV[3], chosen, 'PX', ARGV[4]) end",
            "return {chosen, 'new', listings[chosen]}");

    private final FleetConnection redis;
    private final FleetKeys keys;
    private final String agentId;
    private final long retentionMillis;

    FleetPlacement(FleetConnection redis, FleetSettings settings, long retentionMillis) {
        this.redis = redis;
        this.keys = new FleetKeys(settings.fleetId());
        this.agentId = settings.agentId();
        this.retentionMillis = retentionMillis;
    }

    /**
     * Chooses the agent for a new game session and holds a place on it.
     *
     * @param customId the game session's IdempotencyToken or GameSessionId, or null
     * @throws FleetCapacityExceededException if no live agent has room
     * @throws FleetUnavailableException if Redis does not answer in time
     */
    Placement place(String customId) {
        String claim = FleetInstance.randomHex(12);
        List<Object> chosen;
        try {
            chosen = FleetConnection.await(redis.commands().<List<Object>>eval(PLACE, ScriptOutputType.MULTI,
                    new String[] {keys.agents()}, keys.prefix(), Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE)),
                    customId != null ? customId : "", Long.toString(retentionMillis),
                    Long.toString(System.currentTimeMillis()), Long.toString(HOLD_MILLIS), claim),
                    "place a game session");
        } catch (FleetUnreachableException e) {
            throw new FleetUnavailableException(e.getMessage() + "; try again", e);
        }
        if (chosen == null || chosen.size() < 3) {
            throw new FleetCapacityExceededException("no live agent of fleet " + keys.fleetId()
                    + " has room for another game session (each hosts at most its --max-game-sessions)");
        }
        String agent = (String) chosen.get(0);
        boolean again = "again".equals(chosen.get(1));
        return new Held(agent, (String) chosen.get(2), again ? null : claim, again ? null : customId);
    }

    /** A place held on one agent; {@code claim} and {@code customId} are null for a retry. */
    private final class Held implements Placement {

        private final String agent;
        private final String listing;
        private final String claim;
        private final String customId;

        Held(String agent, String listing, String claim, String customId) {
            this.agent = agent;
            this.listing = listing;
            this.claim = claim;
            this.customId = customId;
        }

        @Override
        public String agentId() {
            return agent.equals(agentId) ? null : agent;
        }

        /**
         * Lists it with the agent's game sessions and records where it is before the caller is
         * answered, rather than when the agent's copy gets there: a reservation through any agent
         * right after finds it.
         */
        @Override
        public void created(String gameSessionId) {
            try {
                FleetConnection.await(redis.commands().set(FleetMirror.ownerKey(gameSessionId), listing),
                        "record where a game session is");
            } catch (FleetUnreachableException e) {
                // The agent's own copy records it too, within a flush once Redis answers.
            }
            redis.commands().sadd(keys.games(agent), gameSessionId);
            release();
        }

        @Override
        public void failed(RuntimeException cause) {
            release();
            if (customId != null && cause instanceof TicketgateException) {
                redis.commands().del(keys.placed(customId));
            }
        }

        private void release() {
            if (claim != null) {
                redis.commands().zrem(keys.held(agent), claim);
            }
        }
    }
}
