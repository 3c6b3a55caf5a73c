package io.ticketgate.agent.store;

import java.util.Comparator;

/**
 * Where a player session sorts in the store's indexes: by creation sequence, within a game
 * session or within a player id. The entries themselves are the keys, so an index costs one
 * skip-list node per session and no key object; a {@link Position} marks where a walk resumes.
 */
interface PlayerSessionKey {

    /** Creation order, within a game session's sessions. */
    Comparator<PlayerSessionKey> BY_SEQUENCE = Comparator.comparingLong(PlayerSessionKey::sequence);

    /** Player id, then creation order: each player id's sessions lie together, oldest first. */
    Comparator<PlayerSessionKey> BY_PLAYER = Comparator.comparing(PlayerSessionKey::playerId)
            .thenComparingLong(PlayerSessionKey::sequence);

    long sequence();

    String playerId();

    /** A place in an index that no session occupies, or the session there. */
    record Position(long sequence, String playerId) implements PlayerSessionKey {

        static Position of(long sequence) {
            return new Position(sequence, null);
        }
    }
}
