package io.ticketgate.agent.store;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Each player id's sessions in creation order, for a describe by player id. Most ids have one
 * session at a time, so an id maps to that session itself (one hash node, added in O(1)); an id
 * with more gets a skip list of its own, which a page walks from its NextToken on.
 */
final class PlayerIdIndex {

    /** The sessions of an id that has more than one. */
    private record Several(ConcurrentSkipListMap<PlayerSessionKey, PlayerSessionEntry> sessions) {

        Several(PlayerSessionEntry first) {
            this(new ConcurrentSkipListMap<>(PlayerSessionKey.BY_SEQUENCE));
            sessions.put(first, first);
        }
    }

    /** A {@link PlayerSessionEntry} or {@link Several}, by player id. */
    private final ConcurrentHashMap<String, Object> byPlayerId = new ConcurrentHashMap<>();

    void add(PlayerSessionEntry player) {
        byPlayerId.compute(player.playerId, (playerId, held) -> {
            if (held == null) {
                return player;
            }
            Several several = held instanceof Several more ? more : new Several((PlayerSessionEntry) held);
            several.sessions.put(player, player);
            return several;
        });
    }

    void remove(PlayerSessionEntry player) {
        byPlayerId.computeIfPresent(player.playerId, (playerId, held) -> {
            if (held == player) {
                return null;
            }
            if (held instanceof Several several) {
                several.sessions.remove(player);
                return several.sessions.isEmpty() ? null : several;
            }
            return held;
        });
    }

    /** The sessions of {@code playerId} created after {@code sequence}, oldest first. */
    Collection<PlayerSessionEntry> after(String playerId, long sequence) {
        Object held = byPlayerId.get(playerId);
        if (held instanceof Several several) {
            return several.sessions.tailMap(PlayerSessionKey.Position.of(sequence), false).values();
        }
        return held instanceof PlayerSessionEntry one && one.sequence > sequence ? List.of(one) : List.of();
    }
}
