package io.ticketgate.agent.store;

import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.time.Instant;

/**
 * The store's record of one player session. Mutable fields are guarded by the lock of its
 * {@link GameSessionEntry}; {@link #snapshot} may be read without it.
 */
final class PlayerSessionEntry {

    final long sequence;
    final String playerSessionId;
    final String playerId;
    final String playerData;
    final GameSessionEntry gameSession;
    final Instant creationTime;
    /** When a RESERVED session times out, on the wall clock (kept on disk) and on the ticker. */
    final Instant reservationDeadline;
    final long reservationDeadlineNanos;

    PlayerSessionStatus status;
    Instant terminationTime;
    /** True while an ACTIVE session has a live connection; false while it waits in its reconnect grace. */
    boolean connected;
    /** Identifies the connection attached now, so a late close of an older one changes nothing. */
    long connectionId;
    long graceDeadlineNanos;
    /** The reconnect grace's end on the wall clock, for the durable log; null outside a grace. */
    Instant graceDeadline;
    /** True if the attached connection came back within the reconnect grace. */
    boolean reconnected;

    private volatile PlayerSession snapshot;

    PlayerSessionEntry(long sequence, String playerSessionId, String playerId, String playerData,
            GameSessionEntry gameSession, Instant creationTime, Instant reservationDeadline,
            long reservationDeadlineNanos, StoreSettings settings) {
        this(sequence, playerSessionId, playerId, playerData, gameSession, creationTime, reservationDeadline,
                reservationDeadlineNanos, PlayerSessionStatus.RESERVED, null, settings);
    }

    /** An entry that starts in {@code status}: one restored from the durable log. */
    PlayerSessionEntry(long sequence, String playerSessionId, String playerId, String playerData,
            GameSessionEntry gameSession, Instant creationTime, Instant reservationDeadline,
            long reservationDeadlineNanos, PlayerSessionStatus status, Instant terminationTime,
            StoreSettings settings) {
        this.sequence = sequence;
        this.playerSessionId = playerSessionId;
        this.playerId = playerId;
        this.playerData = playerData;
        this.gameSession = gameSession;
        this.creationTime = creationTime;
        this.reservationDeadline = reservationDeadline;
        this.reservationDeadlineNanos = reservationDeadlineNanos;
        this.status = status;
        this.terminationTime = terminationTime;
        // Describes read the snapshot without the lock as soon as the entry is in the store's maps.
        refreshSnapshot(settings);
    }

    /** Returns the latest snapshot; never null. */
    PlayerSession snapshot() {
        return snapshot;
    }

    /** Returns the whole state for the durable log; call with the game session's lock held. */
    StoredState.Player stored() {
        return new StoredState.Player(sequence, playerSessionId, playerId, playerData, gameSession.gameSessionId,
                creationTime, reservationDeadline, status, terminationTime, connected,
                status == PlayerSessionStatus.ACTIVE && !connected ? graceDeadline : null);
    }

    /** Rebuilds the snapshot after a change; call with the game session's lock held. */
    PlayerSession refreshSnapshot(StoreSettings settings) {
        snapshot = new PlayerSession(playerSessionId, playerId, gameSession.gameSessionId, settings.fleetId(),
                settings.fleetArn(), creationTime, terminationTime, status, settings.advertiseIp(),
                settings.advertiseDns(), settings.advertisePort(), playerData);
        return snapshot;
    }
}
