package io.ticketgate.agent.fleet;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.StoredState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the sessions of agents that died: an agent still listed in the fleet whose claim on its id
 * expired (its heartbeat stopped: SIGKILL, a crash, a lost host). Every live agent looks each
 * heartbeat interval; the first to take the dead agent's lease (SET NX, expiring) ends its game
 * sessions (TERMINATED) and their RESERVED and ACTIVE player sessions (COMPLETED, or TIMEDOUT
 * when the reservation's deadline had passed), then unlists it, so the work is done once, and
 * done again by another survivor only if the first died in the middle (each step can be redone).
 */
public final class FleetReaper {

    private static final Logger LOG = LoggerFactory.getLogger(FleetReaper.class);
    /** Unlists the dead agent, unless it came back meanwhile (its claim exists again). */
    private static final String UNLIST = "if redis.call('EXISTS', KEYS[1]) == 0 then"
            + " redis.call('HDEL', KEYS[2], ARGV[1]) return 1 end return 0";
    /** The listed agents other than ARGV[2] whose claim is gone: one command however large the fleet. */
    private static final String DEAD = "local dead = {} for _, id in ipairs(redis.call('HKEYS', KEYS[1])) do"
            + " if id ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'agent:' .. id) == 0 then"
            + " dead[#dead + 1] = id end end return dead";
    private static final long LEASE_MILLIS = 30_000;

    private final FleetConnection redis;
    private final FleetSettings settings;
    private final FleetKeys keys;
    private final Clock clock;

    public FleetReaper(FleetConnection redis, FleetSettings settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.keys = new FleetKeys(settings.fleetId());
        this.clock = clock;
    }

    /**
     * Looks for dead agents once and ends the sessions of those whose lease it took.
     *
     * @return the agents whose sessions this call ended
     * @throws FleetUnreachableException if Redis did not answer; the next call tries again
     */
    public List<String> reapOnce() throws FleetUnreachableException {
        List<String> dead = FleetConnection.await(redis.commands().<List<String>>eval(DEAD, ScriptOutputType.MULTI,
                new String[] {keys.agents()}, keys.prefix(), settings.agentId()), "look for dead agents");
        List<String> reaped = new ArrayList<>();
        for (String agentId : dead) {
            String lease = FleetConnection.await(redis.commands().set(keys.reaping(agentId), settings.agentId(),
                    SetArgs.Builder.nx().px(LEASE_MILLIS)), "take a lease");
            if (lease == null) {
                continue;
            }
            int games = endSessionsOf(agentId);
            long unlisted = FleetConnection.await(redis.commands().<Long>eval(UNLIST, ScriptOutputType.INTEGER,
                    new String[] {keys.agent(agentId), keys.agents()}, agentId), "unlist the agent");
            if (unlisted == 1L) {
                reaped.add(agentId);
                LOG.warn("Fleet {}: agent {} missed its heartbeats for {}s; ended its {} game sessions and their"
                        + " players", settings.fleetId(), agentId, settings.heartbeatTimeout().toSeconds(), games);
            }
        }
        return reaped;
    }

    /** Rewrites each of the agent's game sessions and its player sessions as ended; returns how many games. */
    private int endSessionsOf(String agentId) throws FleetUnreachableException {
        Instant now = clock.instant();
        Set<String> games = FleetConnection.await(redis.commands().smembers(keys.games(agentId)),
                "list its game sessions");
        for (String gameSessionId : games) {
            byte[] game = FleetConnection.await(redis.binary().get(FleetMirror.gameKey(gameSessionId)),
                    "read a game session");
            if (FleetRecords.decode(game) instanceof StoredState.Game state && state.terminationTime() == null) {
                FleetConnection.await(redis.binary().set(FleetMirror.gameKey(gameSessionId),
                        StateCodec.encode(terminated(state, now))), "end a game session");
            }
            Map<String, byte[]> players = FleetConnection.await(
                    redis.binary().hgetall(FleetMirror.playersKey(gameSessionId)), "read its player sessions");
            for (Map.Entry<String, byte[]> player : players.entrySet()) {
                if (FleetRecords.decode(player.getValue()) instanceof StoredState.Player state
                        && state.status().holdsSlot()) {
                    FleetConnection.await(redis.binary().hset(FleetMirror.playersKey(gameSessionId), player.getKey(),
                            StateCodec.encode(ended(state, now))), "end a player session");
                }
            }
        }
        return games.size();
    }

    static StoredState.Game terminated(StoredState.Game game, Instant now) {
        return new StoredState.Game(game.sequence(), game.gameSessionId(), game.creationTime(), now,
                GameSessionStatus.TERMINATED, game.name(), game.maximumPlayerSessionCount(), game.creationPolicy(),
                game.protectionPolicy(), game.gameProperties(), game.origin());
    }

    /** COMPLETED now, or TIMEDOUT at its deadline for a reservation whose deadline passed. */
    static StoredState.Player ended(StoredState.Player player, Instant now) {
        boolean expired = player.status() == PlayerSessionStatus.RESERVED
                && !player.reservationDeadline().isAfter(now);
        return new StoredState.Player(player.sequence(), player.playerSessionId(), player.playerId(),
                player.playerData(), player.gameSessionId(), player.creationTime(), player.reservationDeadline(),
                expired ? PlayerSessionStatus.TIMEDOUT : PlayerSessionStatus.COMPLETED,
                expired ? player.reservationDeadline() : now, false, null);
    }
}
