package io.ticketgate.agent.store;

import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.time.Instant;

/**
 * The store's record of one player session. Mutable fields are guarded by the lock of its
 * {@link GameSessionEntry}. It keeps no {@link PlayerSession} of its own: a snapshot is built
 * when asked for, so a reservation costs its fields and nothing twice.
 */
final class PlayerSessionEntry implements PlayerSessionKey {

    final long sequence;
    final String playerSessionId;
    final String playerId;
    final String playerData;
    final GameSessionEntry gameSession;
    /** Nanoseconds since the epoch: two longs rather than two Instants save 40 bytes a session. */
    private final long creationEpochNanos;
    /** When a RESERVED session times out, on the wall clock (kept on disk) and on the ticker. */
    private final long reservationDeadlineEpochNanos;
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

    PlayerSessionEntry(long sequence, String playerSessionId, String playerId, String playerData,
            GameSessionEntry gameSession, Instant creationTime, Instant reservationDeadline,
            long reservationDeadlineNanos) {
        this(sequence, playerSessionId, playerId, playerData, gameSession, creationTime, reservationDeadline,
                reservationDeadlineNanos, PlayerSessionStatus.RESERVED, null);
    }

    /** An entry that starts in {@code status}: one restored from the durable log. */
    PlayerSessionEntry(long sequence, String playerSessionId, String playerId, String playerData,
            GameSessionEntry gameSession, Instant creationTime, Instant reservationDeadline,
            long reservationDeadlineNanos, PlayerSessionStatus status, Instant terminationTime) {
        this.sequence = sequence;
        this.playerSessionId = playerSessionId;
        this.playerId = playerId;
        this.playerData = playerData;
        this.gameSession = gameSession;
        this.creationEpochNanos = epochNanos(creationTime);
        this.reservationDeadlineEpochNanos = epochNanos(reservationDeadline);
        this.reservationDeadlineNanos = reservationDeadlineNanos;
        this.status = status;
        this.terminationTime = terminationTime;
    }

    @Override
    public long sequence() {
        return sequence;
    }

    Instant creationTime() {
        return Instant.ofEpochSecond(0, creationEpochNanos);
    }

    Instant reservationDeadline() {
        return Instant.ofEpochSecond(0, reservationDeadlineEpochNanos);
    }

    /** Nanoseconds since the epoch; an instant outside 1677..2262, that no session sees, is held at the bound. */
    private static long epochNanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + instant.getNano();
    }

    /** Returns the whole state for the durable log; call with the game session's lock held. */
    StoredState.Player stored() {
        return new StoredState.Player(sequence, playerSessionId, playerId, playerData, gameSession.gameSessionId,
                creationTime(), reservationDeadline(), status, terminationTime, connected,
                status == PlayerSessionStatus.ACTIVE && !connected ? graceDeadline : null);
    }

    /** Builds a snapshot; call with the game session's lock held. */
    PlayerSession snapshot(StoreSettings settings) {
        return new PlayerSession(playerSessionId, playerId, gameSession.gameSessionId, settings.fleetId(),
                settings.fleetArn(), creationTime(), terminationTime, status, settings.advertiseIp(),
                settings.advertiseDns(), settings.advertisePort(), playerData);
    }
}
