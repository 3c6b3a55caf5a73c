package io.ticketgate.agent.store;

/**
 * Where the store hands each change to be made durable: the seam a journal hooks into. The store
 * calls {@link #append} for every change, in order for each game session, with that game
 * session's lock held; a call that must not return before its change survives a crash then
 * waits in {@link #awaitDurable}, with no lock held, so callers share the cost of a write.
 */
public interface StateLog {

    /**
     * Queues {@code state} and returns a ticket for it. Called under a store lock: must be quick
     * and must never block or call back into the store.
     */
    long append(StoredState state);

    /**
     * Returns once the change with {@code ticket}, and every change appended before it, is
     * durable.
     *
     * @throws java.io.UncheckedIOException if it could not be written; it is then not acknowledged
     */
    void awaitDurable(long ticket);

    /** Returns false for {@link #NONE}, so the store builds no records nobody keeps. */
    default boolean keeps() {
        return true;
    }

    /**
     * Hands each change to {@code durable} and to {@code copy}; only {@code durable} is waited
     * for. The fleet's Redis takes a copy this way, beside the data dir.
     */
    static StateLog withCopy(StateLog durable, StateLog copy) {
        return new StateLog() {
            @Override
            public long append(StoredState state) {
                copy.append(state);
                return durable.append(state);
            }

            @Override
            public void awaitDurable(long ticket) {
                durable.awaitDurable(ticket);
            }
        };
    }

    /** Keeps nothing: a memory-only agent. */
    StateLog NONE = new StateLog() {
        @Override
        public long append(StoredState state) {
            return 0;
        }

        @Override
        public void awaitDurable(long ticket) {
        }

        @Override
        public boolean keeps() {
            return false;
        }
    };
}
