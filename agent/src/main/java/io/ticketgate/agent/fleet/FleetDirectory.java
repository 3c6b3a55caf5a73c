package io.ticketgate.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.InvalidGameSessionStatusException;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.control.FleetUnavailableException;
import io.ticketgate.agent.control.SessionsElsewhere;
import io.ticketgate.agent.store.StoredState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Reads the fleet's copies of sessions from Redis, for describes through any agent: a player's
 * sessions by player id, a game or player session by its id, with the address of the agent that
 * holds each. Waits at most the command
 * timeout for each read; a Redis that does not answer fails the call with a clear error.
 */
public final class FleetDirectory implements SessionsElsewhere {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetConnection redis;
    private final FleetCalls calls;
    private final FleetPlacement placement;
    private final FleetKeys keys;
    /**
     * Which live agent holds a game session: it never moves, so a call on it needs no lookup but
     * the first; an agent that stops answering is looked up again.
     */
    private final Cache<String, String> holders = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private final String agentId;
    private final BooleanSupplier member;
    private final String fleetId;
    private final String fleetArn;

    /** @param member true while this agent holds its place in the fleet */
    FleetDirectory(FleetConnection redis, FleetCalls calls, FleetPlacement placement, String agentId,
            BooleanSupplier member, String fleetId, String fleetArn) {
        this.redis = redis;
        this.calls = calls;
        this.placement = placement;
        this.keys = new FleetKeys(fleetId);
        this.agentId = agentId;
        this.member = member;
        this.fleetId = fleetId;
        this.fleetArn = fleetArn;
    }

    @Override
    public Page<GameSession> gameSessions(GameSessionStatus status, int limit, String nextToken,
            Function<String, Optional<GameSession>> own) {
        try {
            return new FleetGameSessionPages(redis, fleetId, this::gameSession).page(status, limit, nextToken, own);
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<PlayerSession> inGameSession(String gameSessionId) {
        try {
            JsonNode owner = ownerListing(redis.commands(), gameSessionId);
            List<PlayerSession> found = new ArrayList<>();
            for (byte[] record : FleetConnection.await(redis.binary().hvals(FleetMirror.playersKey(gameSessionId)),
                    "read its player sessions")) {
                if (FleetRecords.decode(record) instanceof StoredState.Player player) {
                    found.add(snapshot(player, owner));
                }
            }
            return found;
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<String> holder(String gameSessionId) {
        String known = holders.getIfPresent(gameSessionId);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            JsonNode owner = ownerListing(redis.calls(), gameSessionId);
            String holder = owner.path("AgentId").asText(null);
            if (holder == null || holder.equals(agentId)) {
                return Optional.empty();
            }
            if (FleetConnection.await(redis.calls().exists(keys.agent(holder)), "check an agent is live") == 0) {
                throw new InvalidGameSessionStatusException("game session " + gameSessionId + " is held by agent "
                        + holder + ", which has left the fleet");
            }
            holders.put(gameSessionId, holder);
            return Optional.of(holder);
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public JsonNode call(String agentId, String operation, JsonNode input) {
        try {
            return calls.call(agentId, operation, input);
        } catch (FleetUnavailableException e) {
            // Perhaps it died: the next call looks whether it is still in the fleet.
            holders.asMap().values().removeIf(agentId::equals);
            throw e;
        }
    }

    @Override
    public Placement place(String customId) {
        return placement.place(customId);
    }

    @Override
    public void requireReachable() {
        if (!redis.isOpen() || !member.getAsBoolean()) {
            throw new FleetUnavailableException("the fleet's Redis is unreachable, and reservations and new game"
                    + " sessions need it; try again", null);
        }
    }

    @Override
    public List<PlayerSession> ofPlayer(String playerId) {
        try {
            Map<String, String> sessions = FleetConnection.await(
                    redis.commands().hgetall(FleetMirror.playerKey(playerId)), "list a player's sessions");
            Map<String, JsonNode> owners = new HashMap<>();
            List<PlayerSession> found = new ArrayList<>(sessions.size());
            for (Map.Entry<String, String> session : sessions.entrySet()) {
                String gameSessionId = session.getValue();
                byte[] record = FleetConnection.await(redis.binary().hget(FleetMirror.playersKey(gameSessionId),
                        session.getKey()), "read a player session");
                JsonNode owner = owners.get(gameSessionId);
                if (owner == null) {
                    owner = ownerListing(redis.commands(), gameSessionId);
                    owners.put(gameSessionId, owner);
                }
                if (FleetRecords.decode(record) instanceof StoredState.Player player) {
                    found.add(snapshot(player, owner));
                }
            }
            return found;
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<GameSession> gameSession(String gameSessionId) {
        try {
            byte[] record = FleetConnection.await(redis.binary().get(FleetMirror.gameKey(gameSessionId)),
                    "read a game session");
            if (!(FleetRecords.decode(record) instanceof StoredState.Game game)) {
                return Optional.empty();
            }
            int held = 0;
            for (byte[] player : FleetConnection.await(redis.binary().hvals(FleetMirror.playersKey(gameSessionId)),
                    "read its player sessions")) {
                if (FleetRecords.decode(player) instanceof StoredState.Player state && state.status().holdsSlot()) {
                    held++;
                }
            }
            JsonNode owner = ownerListing(redis.commands(), gameSessionId);
            CreateGameSessionRequest origin = game.origin();
            return Optional.of(new GameSession(game.gameSessionId(), game.name(), fleetId, fleetArn,
                    game.creationTime(), game.terminationTime(), held, game.maximumPlayerSessionCount(),
                    game.status(), game.creationPolicy(), game.protectionPolicy(), owner.path("IpAddress").asText(null),
                    owner.path("DnsName").asText(null), owner.path("Port").asInt(), game.gameProperties(),
                    origin != null ? origin.gameSessionData() : null, origin != null ? origin.creatorId() : null));
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<PlayerSession> playerSession(String playerSessionId) {
        try {
            String gameSessionId = FleetConnection.await(
                    redis.commands().get(FleetMirror.playerSessionKey(playerSessionId)), "find a player session");
            if (gameSessionId == null) {
                return Optional.empty();
            }
            byte[] record = FleetConnection.await(redis.binary().hget(FleetMirror.playersKey(gameSessionId),
                    playerSessionId), "read a player session");
            if (!(FleetRecords.decode(record) instanceof StoredState.Player player)) {
                return Optional.empty();
            }
            return Optional.of(snapshot(player, ownerListing(redis.commands(), gameSessionId)));
        } catch (FleetUnreachableException e) {
            throw unavailable(e);
        }
    }

    private static FleetUnavailableException unavailable(FleetUnreachableException e) {
        return new FleetUnavailableException(e.getMessage() + "; the fleet's sessions could not be read, try again",
                e);
    }

    private PlayerSession snapshot(StoredState.Player player, JsonNode owner) {
        return new PlayerSession(player.playerSessionId(), player.playerId(), player.gameSessionId(), fleetId,
                fleetArn, player.creationTime(), player.terminationTime(), player.status(),
                owner.path("IpAddress").asText(null), owner.path("DnsName").asText(null), owner.path("Port").asInt(),
                player.playerData());
    }

    /**
     * What the game session's agent listed of itself (its id, address, port): empty if nothing.
     *
     * @param via the connection to ask on: the calls' own for a call, the commands' otherwise
     */
    private static JsonNode ownerListing(RedisClusterAsyncCommands<String, String> via, String gameSessionId)
            throws FleetUnreachableException {
        return listing(FleetConnection.await(via.get(FleetMirror.ownerKey(gameSessionId)),
                "read where a game session is"));
    }

    private static JsonNode listing(String json) {
        if (json == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
