package io.ticketgate.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.control.FleetUnavailableException;
import io.ticketgate.agent.control.PlayerSessionsElsewhere;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fleet's copies of sessions from Redis, for describes through any agent: a player's
 * sessions by player id, with the address of the agent that holds each. Waits at most the command
 * timeout for each read; a Redis that does not answer fails the call with a clear error.
 */
public final class FleetDirectory implements PlayerSessionsElsewhere {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetConnection redis;
    private final String fleetId;
    private final String fleetArn;

    FleetDirectory(FleetConnection redis, String fleetId, String fleetArn) {
        this.redis = redis;
        this.fleetId = fleetId;
        this.fleetArn = fleetArn;
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
                    owner = listing(FleetConnection.await(redis.commands().get(FleetMirror.ownerKey(gameSessionId)),
                            "read where a game session is"));
                    owners.put(gameSessionId, owner);
                }
                if (record != null && decode(record) instanceof StoredState.Player player) {
                    found.add(snapshot(player, owner));
                }
            }
            return found;
        } catch (FleetUnreachableException e) {
            throw new FleetUnavailableException(e.getMessage() + "; the fleet's sessions could not be read, try again",
                    e);
        }
    }

    private PlayerSession snapshot(StoredState.Player player, JsonNode owner) {
        return new PlayerSession(player.playerSessionId(), player.playerId(), player.gameSessionId(), fleetId,
                fleetArn, player.creationTime(), player.terminationTime(), player.status(),
                owner.path("IpAddress").asText(null), owner.path("DnsName").asText(null), owner.path("Port").asInt(),
                player.playerData());
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

    private static StoredState decode(byte[] record) {
        try {
            return StateCodec.decode(ByteBuffer.wrap(record));
        } catch (StateCodec.UnreadableRecord e) {
            return null;
        }
    }
}
