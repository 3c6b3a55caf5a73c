package io.ticketgate.agent.store;

import io.ticketgate.agent.PlayerSessionStatus;
import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One game session's player sessions in creation order: all of them, and those in each status,
 * so that a describe page with a status filter walks only the sessions it returns, however many
 * others the game session holds. Written under the game session's lock, readable without it.
 */
final class PlayerSessionsInOrder {

    private final ConcurrentSkipListMap<PlayerSessionKey, PlayerSessionEntry> all =
            new ConcurrentSkipListMap<>(PlayerSessionKey.BY_SEQUENCE);
    @SuppressWarnings("unchecked")
    private final ConcurrentSkipListMap<PlayerSessionKey, PlayerSessionEntry>[] byStatus =
            new ConcurrentSkipListMap[PlayerSessionStatus.values().length];

    PlayerSessionsInOrder() {
        for (int i = 0; i < byStatus.length; i++) {
            byStatus[i] = new ConcurrentSkipListMap<>(PlayerSessionKey.BY_SEQUENCE);
        }
    }

    /** Adds a session in its current status. */
    void add(PlayerSessionEntry player) {
        all.put(player, player);
        byStatus[player.status.ordinal()].put(player, player);
    }

    /** Records that {@code player}, once in {@code from}, is now in its current status. */
    void moved(PlayerSessionEntry player, PlayerSessionStatus from) {
        if (from != player.status) {
            byStatus[player.status.ordinal()].put(player, player);
            byStatus[from.ordinal()].remove(player);
        }
    }

    void remove(PlayerSessionEntry player) {
        all.remove(player);
        byStatus[player.status.ordinal()].remove(player);
    }

    /** Every session, oldest first. */
    Collection<PlayerSessionEntry> values() {
        return all.values();
    }

    /** The sessions created after {@code sequence}, in {@code status} unless it is null, oldest first. */
    Collection<PlayerSessionEntry> after(long sequence, PlayerSessionStatus status) {
        return (status == null ? all : byStatus[status.ordinal()])
                .tailMap(PlayerSessionKey.Position.of(sequence), false).values();
    }
}
