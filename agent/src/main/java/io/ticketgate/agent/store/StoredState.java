package io.ticketgate.agent.store;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.ProtectionPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The whole state of one session after a change, as a {@link StateLog} keeps it: every field
 * the store needs to rebuild the session after a restart, deadlines as wall-clock instants
 * (a ticker's readings mean nothing to the next process). Each is complete on its own, so the
 * latest one of a session is all that counts.
 */
public sealed interface StoredState {

    /** The store's creation order, which describes follow; never reused. */
    long sequence();

    /**
     * @param origin the request that created it, to tell a retried idempotency token from a reuse
     * @param terminationTime null until it ends
     */
    record Game(long sequence, String gameSessionId, Instant creationTime, Instant terminationTime,
            GameSessionStatus status, String name, int maximumPlayerSessionCount,
            PlayerSessionCreationPolicy creationPolicy, ProtectionPolicy protectionPolicy,
            List<GameProperty> gameProperties, CreateGameSessionRequest origin) implements StoredState {
    }

    /**
     * @param playerData null for none
     * @param reservationDeadline when a RESERVED session times out
     * @param terminationTime null until it ends
     * @param connected true while an ACTIVE session has a live connection
     * @param graceDeadline when an ACTIVE session without a connection completes; null unless in its grace
     */
    record Player(long sequence, String playerSessionId, String playerId, String playerData,
            String gameSessionId, Instant creationTime, Instant reservationDeadline, PlayerSessionStatus status,
            Instant terminationTime, boolean connected, Instant graceDeadline) implements StoredState {
    }
}
