package io.ticketgate.agent.store;

import java.util.Comparator;

/**
 * Where a player session sorts in the store's indexes: by creation sequence. The entries
 * themselves are the keys, so an index costs one skip-list node per session and no key object;
 * a {@link Position} marks where a walk resumes.
 */
interface PlayerSessionKey {

    /** Creation order. */
    Comparator<PlayerSessionKey> BY_SEQUENCE = Comparator.comparingLong(PlayerSessionKey::sequence);

    long sequence();

    /** A place in an index: the session created at {@code sequence}, or where it would be. */
    record Position(long sequence) implements PlayerSessionKey {

        static Position of(long sequence) {
            return new Position(sequence);
        }
    }
}
