package io.ticketgate.agent.store;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.ProtectionPolicy;
import java.time.Instant;
import java.util.List;

/**
 * The store's record of one game session. Its monitor is the lock for every change to the game
 * session and to its player sessions, so each transition has exactly one winner while game
 * sessions never contend with each other.
 */
final class GameSessionEntry {

    final long sequence;
    final String gameSessionId;
    final Instant creationTime;
    final String creatorId;
    final String gameSessionData;
    /** The request that created it, to tell a retry from a mismatched reuse of its idempotency token. */
    final CreateGameSessionRequest origin;
    /** Its player sessions in creation order; written under the lock, readable without it. */
    final PlayerSessionsInOrder playerSessions = new PlayerSessionsInOrder();

    GameSessionStatus status = GameSessionStatus.ACTIVATING;
    Instant terminationTime;
    String name;
    int maximumPlayerSessionCount;
    /** RESERVED and ACTIVE player sessions: the slots in use. */
    int slotsHeld;
    PlayerSessionCreationPolicy creationPolicy = PlayerSessionCreationPolicy.ACCEPT_ALL;
    ProtectionPolicy protectionPolicy = ProtectionPolicy.NoProtection;
    List<GameProperty> gameProperties;
    /** The durable log's ticket for the latest change to it or its player sessions. */
    long lastTicket;

    GameSessionEntry(long sequence, String gameSessionId, Instant creationTime, CreateGameSessionRequest origin) {
        this.sequence = sequence;
        this.gameSessionId = gameSessionId;
        this.creationTime = creationTime;
        this.origin = origin;
        this.creatorId = origin.creatorId();
        this.gameSessionData = origin.gameSessionData();
        this.name = origin.name();
        this.maximumPlayerSessionCount = origin.maximumPlayerSessionCount();
        this.gameProperties = origin.gameProperties();
    }

    /** Returns the whole state for the durable log; call with the lock held. */
    StoredState.Game stored() {
        return new StoredState.Game(sequence, gameSessionId, creationTime, terminationTime, status, name,
                maximumPlayerSessionCount, creationPolicy, protectionPolicy, gameProperties, origin);
    }

    /** Builds a snapshot; call with the lock held. */
    GameSession snapshot(StoreSettings settings) {
        return new GameSession(gameSessionId, name, settings.fleetId(), settings.fleetArn(), creationTime,
                terminationTime, slotsHeld, maximumPlayerSessionCount, status, creationPolicy, protectionPolicy,
                settings.advertiseIp(), settings.advertiseDns(), settings.advertisePort(), gameProperties,
                gameSessionData, creatorId);
    }
}
