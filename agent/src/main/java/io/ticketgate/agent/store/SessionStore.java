package io.ticketgate.agent.store;

import com.github.benmanes.caffeine.cache.Scheduler;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.GameSessionFullException;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.IdempotentParameterMismatchException;
import io.ticketgate.agent.InvalidGameSessionStatusException;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.LimitExceededException;
import io.ticketgate.agent.NotFoundException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.UpdateGameSessionRequest;
import io.ticketgate.agent.store.SessionEvent.GameChange;
import io.ticketgate.agent.store.SessionEvent.PlayerChange;
import io.ticketgate.agent.time.AgentClock;
import io.ticketgate.protocol.ResultCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Every game session and player session the agent knows, and the only place their state changes.
 *
 * <p>Each change happens under the lock of the game session concerned and goes through
 * {@link #transition} (player sessions) or {@link #transition(GameSessionEntry, GameSessionStatus,
 * GameChange)} (game sessions), which publish it to the {@link SessionEventSink} (the game,
 * metrics, the event stream) and hand its whole state to the {@link StateLog} (the durable
 * journal, when there is one). Races between a connect, a second
 * connect, an expiry and a removal are decided by that lock: one wins, the others see its result.
 *
 * <p>Deadlines are kept in the entries and measured with the injected ticker; {@link DeadlineTimer}s
 * make them fire on time, and a connect that arrives after its deadline but before the timer ran
 * is refused all the same.
 */
public final class SessionStore {

    private final StoreSettings settings;
    private final AgentClock clock;
    private final SessionEventSink events;
    private final StateLog stateLog;
    private final PageTokens pageTokens;
    private final long reconnectGraceNanos;

    private final AtomicLong sequences = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    private final AtomicInteger liveGameSessions = new AtomicInteger();
    private final AtomicLongArray playerSessionCounts = new AtomicLongArray(PlayerSessionStatus.values().length);
    private final AtomicLongArray gameSessionCounts = new AtomicLongArray(GameSessionStatus.values().length);

    private final ConcurrentHashMap<String, PlayerSessionEntry> playerSessions = new ConcurrentHashMap<>();
    private final PlayerIdIndex playerSessionsByPlayer = new PlayerIdIndex();
    private final ConcurrentHashMap<String, GameSessionEntry> gameSessions = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, GameSessionEntry> gameSessionsInOrder = new ConcurrentSkipListMap<>();

    private final DeadlineTimer<PlayerSessionEntry> reservationDeadlines;
    private final DeadlineTimer<PlayerSessionEntry> reconnectDeadlines;
    private final TerminalRetention endedPlayerSessions;
    private final TerminalRetention endedGameSessions;

    /**
     * @param settings validated settings
     * @param clock the agent's one clock
     * @param scheduler fires deadline timers on time ({@link Scheduler#systemScheduler()} in
     *     production)
     * @param timerExecutor runs expiry callbacks ({@code Runnable::run} in tests)
     * @param events receives every change
     */
    public SessionStore(StoreSettings settings, AgentClock clock, Scheduler scheduler, Executor timerExecutor,
            SessionEventSink events) {
        this(settings, clock, scheduler, timerExecutor, events, StateLog.NONE);
    }

    /**
     * As above, with every change also handed to {@code stateLog}: the calls that change state
     * on request return only once their change is durable.
     */
    public SessionStore(StoreSettings settings, AgentClock clock, Scheduler scheduler, Executor timerExecutor,
            SessionEventSink events, StateLog stateLog) {
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.stateLog = stateLog;
        this.pageTokens = new PageTokens(new SecureRandom());
        this.reconnectGraceNanos = settings.reconnectGrace().toNanos();
        this.reservationDeadlines = new DeadlineTimer<>(clock.ticker(), scheduler, timerExecutor,
                player -> player.reservationDeadlineNanos, this::reservationDeadlinePassed);
        this.reconnectDeadlines = new DeadlineTimer<>(clock.ticker(), scheduler, timerExecutor,
                player -> player.graceDeadlineNanos, this::reconnectDeadlinePassed);
        this.endedPlayerSessions = new TerminalRetention(settings.retention(), settings.maxRetainedPlayerSessions(),
                clock.ticker(), this::purgePlayerSession);
        this.endedGameSessions = new TerminalRetention(settings.retention(), settings.maxRetainedGameSessions(),
                clock.ticker(), this::purgeGameSession);
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Returns true if the calls that change state wait for their change to reach the disk. */
    public boolean waitsForDisk() {
        return stateLog.keeps();
    }

    // ---------------------------------------------------------------- game sessions

    /** Creates a game session; see {@link io.ticketgate.agent.TicketgateAgent#createGameSession}. */
    public GameSession createGameSession(CreateGameSessionRequest request) {
        RequestRules.atLeast("MaximumPlayerSessionCount", request.maximumPlayerSessionCount(), 0);
        RequestRules.length("Name", request.name(), 1, 1024);
        RequestRules.length("CreatorId", request.creatorId(), 1, 1024);
        RequestRules.length("GameSessionData", request.gameSessionData(), 1, 262144);
        RequestRules.idString("GameSessionId", request.gameSessionId());
        RequestRules.idString("IdempotencyToken", request.idempotencyToken());
        RequestRules.gameProperties(request.gameProperties());

        String customId = request.idempotencyToken() != null ? request.idempotencyToken() : request.gameSessionId();
        String id = settings.gameSessionArn(customId != null ? customId : "gsess-" + UUID.randomUUID());
        GameSessionEntry existing = gameSessions.get(id);
        if (existing != null) {
            return sameRequestAgain(existing, request);
        }
        if (liveGameSessions.incrementAndGet() > settings.maxLiveGameSessions()) {
            liveGameSessions.decrementAndGet();
            throw new LimitExceededException("this agent already runs " + settings.maxLiveGameSessions()
                    + " game sessions, its limit");
        }
        GameSessionEntry game = new GameSessionEntry(sequences.incrementAndGet(), id, clock.now(), request);
        GameSession created;
        long ticket;
        synchronized (game) {
            existing = gameSessions.putIfAbsent(id, game);
            if (existing != null) {
                liveGameSessions.decrementAndGet();
                return sameRequestAgain(existing, request);
            }
            gameSessionsInOrder.put(game.sequence, game);
            gameSessionCounts.incrementAndGet(game.status.ordinal());
            events.onEvent(new SessionEvent.GameSessionChanged(game.snapshot(settings), GameChange.CREATED));
            if (settings.activation() == GameSessionActivation.AUTO) {
                transition(game, GameSessionStatus.ACTIVE, GameChange.ACTIVATED);
            } else {
                keep(game);
            }
            created = game.snapshot(settings);
            ticket = game.lastTicket;
        }
        stateLog.awaitDurable(ticket);
        return created;
    }

    private GameSession sameRequestAgain(GameSessionEntry existing, CreateGameSessionRequest request) {
        if (request.idempotencyToken() == null) {
            throw new IdempotentParameterMismatchException("a game session with GameSessionId "
                    + request.gameSessionId() + " already exists in this fleet");
        }
        if (!existing.origin.equals(request)) {
            throw new IdempotentParameterMismatchException("IdempotencyToken " + request.idempotencyToken()
                    + " was already used with other parameters");
        }
        GameSession same;
        long ticket;
        synchronized (existing) {
            same = existing.snapshot(settings);
            ticket = existing.lastTicket;
        }
        // The first call's change may still be on its way to disk: a retry is acknowledged no sooner.
        stateLog.awaitDurable(ticket);
        return same;
    }

    /** Moves an ACTIVATING game session to ACTIVE; an ACTIVE one is returned unchanged. */
    public GameSession activateGameSession(String gameSessionId) {
        GameSessionEntry game = requireGameSession(gameSessionId);
        GameSession active;
        long ticket;
        synchronized (game) {
            if (game.status == GameSessionStatus.ACTIVATING) {
                transition(game, GameSessionStatus.ACTIVE, GameChange.ACTIVATED);
            } else if (game.status != GameSessionStatus.ACTIVE) {
                throw new InvalidGameSessionStatusException("game session " + gameSessionId + " is " + game.status
                        + " and cannot be activated");
            }
            active = game.snapshot(settings);
            ticket = game.lastTicket;
        }
        stateLog.awaitDurable(ticket);
        return active;
    }

    /** Applies the non-null members of {@code request} to an ACTIVATING or ACTIVE game session. */
    public GameSession updateGameSession(UpdateGameSessionRequest request) {
        RequestRules.requirePresent("GameSessionId", request.gameSessionId());
        RequestRules.gameSessionId("GameSessionId", request.gameSessionId());
        RequestRules.atLeast("MaximumPlayerSessionCount", request.maximumPlayerSessionCount(), 0);
        RequestRules.length("Name", request.name(), 1, 1024);
        RequestRules.gameProperties(request.gameProperties());
        GameSessionEntry game = requireGameSession(request.gameSessionId());
        GameSession updated;
        long ticket;
        synchronized (game) {
            if (game.status.isTerminal() || game.status == GameSessionStatus.TERMINATING) {
                throw new InvalidGameSessionStatusException("game session " + game.gameSessionId + " is "
                        + game.status + " and can no longer be updated");
            }
            // Checked before anything changes: an update applies whole or not at all.
            List<GameProperty> gameProperties = request.gameProperties() == null ? null
                    : mergeGameProperties(game.gameProperties, request.gameProperties());
            if (request.maximumPlayerSessionCount() != null) {
                game.maximumPlayerSessionCount = request.maximumPlayerSessionCount();
            }
            if (request.name() != null) {
                game.name = request.name();
            }
            if (request.playerSessionCreationPolicy() != null) {
                game.creationPolicy = request.playerSessionCreationPolicy();
            }
            if (request.protectionPolicy() != null) {
                game.protectionPolicy = request.protectionPolicy();
            }
            if (gameProperties != null) {
                game.gameProperties = gameProperties;
            }
            transition(game, game.status, GameChange.UPDATED);
            updated = game.snapshot(settings);
            ticket = game.lastTicket;
        }
        stateLog.awaitDurable(ticket);
        return updated;
    }

    /**
     * GameLift's UpdateGameSession "adds new properties and modifies existing properties. There
     * is no way to delete properties." Existing keys keep their place; new ones follow in order.
     */
    private static List<GameProperty> mergeGameProperties(List<GameProperty> current, List<GameProperty> changes) {
        Map<String, String> merged = new LinkedHashMap<>();
        current.forEach(property -> merged.put(property.key(), property.value()));
        changes.forEach(property -> merged.put(property.key(), property.value()));
        if (merged.size() > RequestRules.MAX_GAME_PROPERTIES) {
            throw new InvalidRequestException("GameProperties would give the game session " + merged.size()
                    + " properties; it may hold at most " + RequestRules.MAX_GAME_PROPERTIES
                    + " and properties cannot be deleted");
        }
        List<GameProperty> properties = new ArrayList<>(merged.size());
        merged.forEach((key, value) -> properties.add(new GameProperty(key, value)));
        return List.copyOf(properties);
    }

    /**
     * Ends a game session: it becomes TERMINATED and each of its RESERVED and ACTIVE player
     * sessions COMPLETED. Ending an ended game session changes nothing.
     */
    public GameSession endGameSession(String gameSessionId) {
        GameSessionEntry game = requireGameSession(gameSessionId);
        GameSession ended;
        long ticket;
        synchronized (game) {
            ended = game.status.isTerminal() ? game.snapshot(settings) : end(game);
            ticket = game.lastTicket;
        }
        sweepIfOverBound();
        stateLog.awaitDurable(ticket);
        return ended;
    }

    /** Ends a live game session and its player sessions; call with its lock held. */
    private GameSession end(GameSessionEntry game) {
        for (PlayerSessionEntry player : game.playerSessions.values()) {
            if (!timeOutIfOverdue(player) && player.status.holdsSlot()) {
                transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.COMPLETED,
                        DisconnectReason.GAME_SESSION_ENDED);
            }
        }
        game.terminationTime = clock.now();
        liveGameSessions.decrementAndGet();
        endedGameSessions.retain(game.gameSessionId);
        transition(game, GameSessionStatus.TERMINATED, GameChange.ENDED);
        return game.snapshot(settings);
    }

    /** Describes game sessions, in creation order, one page at a time. */
    public Page<GameSession> describeGameSessions(DescribeGameSessionsRequest request) {
        RequestRules.gameSessionId("GameSessionId", request.gameSessionId());
        RequestRules.atLeast("Limit", request.limit(), 1);
        RequestRules.length("NextToken", request.nextToken(), 1, 1024);
        if (request.gameSessionId() != null) {
            GameSessionEntry game = requireGameSession(request.gameSessionId());
            synchronized (game) {
                return new Page<>(List.of(game.snapshot(settings)), Optional.empty());
            }
        }
        GameSessionStatus status = request.statusFilter();
        String query = "G|" + status;
        return page(after -> gameSessionsInOrder.tailMap(after, false).values(), query, request.limit(),
                request.nextToken(), game -> game.sequence, game -> {
                    synchronized (game) {
                        return game.snapshot(settings);
                    }
                },
                game -> status == null || game.status() == status);
    }

    /** Returns the game session with this id, if the agent knows it. */
    public Optional<GameSession> gameSession(String gameSessionId) {
        GameSessionEntry game = gameSessions.get(gameSessionId);
        if (game == null) {
            return Optional.empty();
        }
        synchronized (game) {
            return Optional.of(game.snapshot(settings));
        }
    }

    // ---------------------------------------------------------------- player sessions

    /** Reserves one slot; see {@link #reservePlayerSessions}. */
    public PlayerSession reservePlayerSession(String gameSessionId, String playerId, String playerData) {
        RequestRules.requirePresent("PlayerId", playerId);
        RequestRules.playerId("PlayerId", playerId);
        RequestRules.playerData("PlayerData", playerData);
        Map<String, String> data = playerData == null ? Map.of() : Map.of(playerId, playerData);
        return reserve(gameSessionId, List.of(playerId), data).get(0);
    }

    /**
     * Reserves a slot for each player, all or nothing: in an ACTIVE game session whose policy is
     * ACCEPT_ALL and that has a free slot for every one of them.
     *
     * @param playerDataMap PlayerData by player id; entries for players not in the batch are ignored
     */
    public List<PlayerSession> reservePlayerSessions(String gameSessionId, List<String> playerIds,
            Map<String, String> playerDataMap) {
        RequestRules.requirePresent("PlayerIds", playerIds);
        if (playerIds.isEmpty() || playerIds.size() > RequestRules.MAX_PLAYER_IDS) {
            throw new InvalidRequestException("PlayerIds must hold 1.." + RequestRules.MAX_PLAYER_IDS
                    + " player ids, had " + playerIds.size());
        }
        if (new HashSet<>(playerIds).size() != playerIds.size()) {
            throw new InvalidRequestException("PlayerIds must not repeat a player id");
        }
        for (String playerId : playerIds) {
            RequestRules.requirePresent("PlayerIds member", playerId);
            RequestRules.playerId("PlayerIds member", playerId);
        }
        Map<String, String> data = playerDataMap == null ? Map.of() : playerDataMap;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            RequestRules.playerId("PlayerDataMap key", entry.getKey());
            RequestRules.playerData("PlayerDataMap value", entry.getValue());
        }
        return reserve(gameSessionId, playerIds, data);
    }

    private List<PlayerSession> reserve(String gameSessionId, List<String> playerIds, Map<String, String> data) {
        RequestRules.requirePresent("GameSessionId", gameSessionId);
        RequestRules.gameSessionId("GameSessionId", gameSessionId);
        GameSessionEntry game = requireGameSession(gameSessionId);
        List<PlayerSession> reserved;
        long ticket;
        synchronized (game) {
            if (game.status != GameSessionStatus.ACTIVE) {
                throw new InvalidGameSessionStatusException("game session " + gameSessionId + " is " + game.status
                        + "; player sessions can be created only in an ACTIVE game session");
            }
            if (game.creationPolicy == PlayerSessionCreationPolicy.DENY_ALL) {
                throw new InvalidGameSessionStatusException("game session " + gameSessionId
                        + " does not accept new player sessions (PlayerSessionCreationPolicy DENY_ALL)");
            }
            int free = game.maximumPlayerSessionCount - game.slotsHeld;
            if (playerIds.size() > free) {
                throw new GameSessionFullException("game session " + gameSessionId + " has " + Math.max(free, 0)
                        + " free slot(s) of " + game.maximumPlayerSessionCount + "; " + playerIds.size()
                        + " requested");
            }
            long deadline = clock.nanoTime() + settings.reservationTimeout().toNanos();
            reserved = new ArrayList<>(playerIds.size());
            for (String playerId : playerIds) {
                Instant now = clock.now();
                PlayerSessionEntry player = new PlayerSessionEntry(sequences.incrementAndGet(),
                        "psess-" + UUID.randomUUID(), playerId, data.get(playerId), game, now,
                        now.plus(settings.reservationTimeout()), deadline);
                playerSessionCounts.incrementAndGet(PlayerSessionStatus.RESERVED.ordinal());
                playerSessions.put(player.playerSessionId, player);
                game.playerSessions.add(player);
                playerSessionsByPlayer.add(player);
                game.slotsHeld++;
                reservationDeadlines.start(player);
                reserved.add(transition(player, PlayerSessionStatus.RESERVED, PlayerChange.RESERVED, null));
            }
            ticket = game.lastTicket;
        }
        stateLog.awaitDurable(ticket);
        return reserved;
    }

    /**
     * Removes (kicks) a player session: RESERVED or ACTIVE becomes COMPLETED, and a live
     * connection is closed by whoever observes the event. An ended session is returned unchanged.
     */
    public PlayerSession removePlayerSession(String playerSessionId) {
        RequestRules.requirePresent("PlayerSessionId", playerSessionId);
        RequestRules.playerSessionId("PlayerSessionId", playerSessionId);
        PlayerSessionEntry player = requirePlayerSession(playerSessionId);
        PlayerSession removed;
        long ticket;
        synchronized (player.gameSession) {
            if (!timeOutIfOverdue(player) && player.status.holdsSlot()) {
                transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.COMPLETED, DisconnectReason.REMOVED);
            }
            removed = player.snapshot(settings);
            ticket = player.gameSession.lastTicket;
        }
        sweepIfOverBound();
        stateLog.awaitDurable(ticket);
        return removed;
    }

    /** Describes player sessions, in creation order, with GameLift's filter rules. */
    public Page<PlayerSession> describePlayerSessions(DescribePlayerSessionsRequest request) {
        String gameSessionId = request.gameSessionId();
        String playerId = request.playerId();
        String playerSessionId = request.playerSessionId();
        RequestRules.gameSessionId("GameSessionId", gameSessionId);
        RequestRules.playerId("PlayerId", playerId);
        RequestRules.playerSessionId("PlayerSessionId", playerSessionId);
        RequestRules.atLeast("Limit", request.limit(), 1);
        RequestRules.length("NextToken", request.nextToken(), 1, 1024);
        if (gameSessionId == null && playerId == null && playerSessionId == null) {
            throw new InvalidRequestException("one of GameSessionId, PlayerId or PlayerSessionId is required");
        }
        if (playerSessionId != null) {
            PlayerSessionEntry player = playerSessions.get(playerSessionId);
            boolean matches = player != null
                    && (gameSessionId == null || player.gameSession.gameSessionId.equals(gameSessionId))
                    && (playerId == null || player.playerId.equals(playerId));
            if (player == null && gameSessionId == null && playerId == null) {
                throw new NotFoundException("player session " + playerSessionId + " does not exist");
            }
            return new Page<>(matches ? List.of(snapshot(player)) : List.of(), Optional.empty());
        }
        // GameLift ignores the status filter once a player id is given.
        PlayerSessionStatus status = playerId == null ? request.statusFilter() : null;
        GameSessionEntry game = gameSessionId == null ? null : requireGameSession(gameSessionId);
        // Each walk reads only what its page may return: a player id's sessions, or those of the game
        // session in the status asked for, so a page costs the same however many sessions there are.
        LongFunction<Collection<PlayerSessionEntry>> candidates = playerId != null
                ? after -> playerSessionsByPlayer.after(playerId, after)
                : after -> game.playerSessions.after(after, status);
        String query = "P|" + gameSessionId + "|" + playerId + "|" + status;
        return page(candidates, query, request.limit(), request.nextToken(), player -> player.sequence,
                this::snapshot,
                player -> (gameSessionId == null || player.gameSessionId().equals(gameSessionId))
                        && (status == null || player.status() == status));
    }

    /** Returns the player session with this id, if the agent knows it. */
    public Optional<PlayerSession> playerSession(String playerSessionId) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        return player == null ? Optional.empty() : Optional.of(snapshot(player));
    }

    // ---------------------------------------------------------------- connections

    /**
     * Claims a player session for a new connection: RESERVED becomes ACTIVE, or an ACTIVE
     * session in its reconnect grace is reattached. Of concurrent claims, exactly one wins.
     */
    public ConnectOutcome connect(String playerSessionId) {
        return connect(playerSessionId, () -> { });
    }

    /**
     * Claims a player session as {@link #connect(String)} does, and runs {@code attached} under
     * the game session's lock once the connection is attached: register the connection there,
     * so a removal, an end of the game session or a stop that comes right after finds it to
     * close. {@code attached} must be quick and must not call back into the store.
     */
    public ConnectOutcome connect(String playerSessionId, Runnable attached) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        if (player == null) {
            return unknown();
        }
        synchronized (player.gameSession) {
            ConnectOutcome refusal = refusal(player);
            if (refusal != null) {
                return refusal;
            }
            boolean reconnect = player.status == PlayerSessionStatus.ACTIVE;
            (reconnect ? reconnectDeadlines : reservationDeadlines).cancel(player);
            attach(player, reconnect);
            attached.run();
            PlayerSession active = transition(player, PlayerSessionStatus.ACTIVE,
                    reconnect ? PlayerChange.RECONNECTED : PlayerChange.ACTIVATED, null);
            return ConnectOutcome.accepted(active, player.connectionId, reconnect);
        }
    }

    /**
     * Tells whether a connect would be accepted now, changing nothing but an overdue deadline:
     * for a hand-off that prepares (connects upstream) before the session is claimed.
     *
     * @return the refusal a connect would get, or an accepted outcome with no connection
     */
    public ConnectOutcome check(String playerSessionId) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        if (player == null) {
            return unknown();
        }
        synchronized (player.gameSession) {
            ConnectOutcome refusal = refusal(player);
            return refusal != null ? refusal
                    : ConnectOutcome.accepted(player.snapshot(settings), 0, player.status == PlayerSessionStatus.ACTIVE);
        }
    }

    private static ConnectOutcome unknown() {
        return ConnectOutcome.refused(ResultCode.UNKNOWN_SESSION, "unknown player session id", null);
    }

    /** Why a connect must be refused now, or null; call with the game session's lock held. */
    private ConnectOutcome refusal(PlayerSessionEntry player) {
        GameSessionEntry game = player.gameSession;
        timeOutIfOverdue(player);
        if (player.status == PlayerSessionStatus.TIMEDOUT) {
            return ConnectOutcome.refused(ResultCode.SESSION_TIMED_OUT,
                    "the reservation timed out before the player connected", player.snapshot(settings));
        }
        if (game.status != GameSessionStatus.ACTIVE) {
            return ConnectOutcome.refused(ResultCode.GAME_SESSION_UNAVAILABLE,
                    "the game session is " + game.status, player.snapshot(settings));
        }
        if (player.status == PlayerSessionStatus.COMPLETED) {
            return ConnectOutcome.refused(ResultCode.SESSION_COMPLETED, "the player session has ended",
                    player.snapshot(settings));
        }
        if (player.status == PlayerSessionStatus.RESERVED) {
            return null;
        }
        if (player.connected) {
            return ConnectOutcome.refused(ResultCode.SESSION_ALREADY_ACTIVE,
                    "the player session already has a live connection", player.snapshot(settings));
        }
        if (clock.nanoTime() - player.graceDeadlineNanos >= 0) {
            transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.GRACE_EXPIRED,
                    DisconnectReason.CONNECTION_CLOSED);
            return ConnectOutcome.refused(ResultCode.SESSION_COMPLETED,
                    "the reconnect grace of the player session has passed", player.snapshot(settings));
        }
        return null;
    }

    private void attach(PlayerSessionEntry player, boolean reconnect) {
        player.connected = true;
        player.reconnected = reconnect;
        player.connectionId = connectionIds.incrementAndGet();
    }

    /**
     * Undoes a first claim the game did not answer in time: the session is RESERVED again until
     * its original deadline, or TIMEDOUT if that has passed. Call with the game session's lock.
     */
    private void release(PlayerSessionEntry player, DisconnectReason reason) {
        player.connected = false;
        if (clock.nanoTime() - player.reservationDeadlineNanos >= 0) {
            transition(player, PlayerSessionStatus.TIMEDOUT, PlayerChange.TIMED_OUT, null);
            return;
        }
        reservationDeadlines.start(player);
        transition(player, PlayerSessionStatus.RESERVED, PlayerChange.RELEASED, reason);
    }

    /**
     * Records that connection {@code connectionId} of a player session ended. A dropped
     * connection starts the reconnect grace when there is one; any other reason, or no grace,
     * completes the session. A connection that is no longer the session's changes nothing.
     *
     * @return the player session afterwards; empty if it is unknown
     */
    public Optional<PlayerSession> disconnect(String playerSessionId, long connectionId, DisconnectReason reason) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        if (player == null) {
            return Optional.empty();
        }
        PlayerSession after;
        synchronized (player.gameSession) {
            boolean current = player.status == PlayerSessionStatus.ACTIVE && player.connected
                    && player.connectionId == connectionId;
            if (current) {
                // A game too slow to answer is no fault of the player's: the claim is undone, so the
                // player may try again (BUSY says so) while the reservation or the grace lasts.
                boolean retryable = reason == DisconnectReason.ADMISSION_TIMED_OUT
                        || reason == DisconnectReason.UPSTREAM_UNAVAILABLE;
                if (retryable && !player.reconnected) {
                    release(player, reason);
                } else if ((reason == DisconnectReason.CONNECTION_CLOSED || retryable) && reconnectGraceNanos > 0) {
                    player.connected = false;
                    player.graceDeadlineNanos = clock.nanoTime() + reconnectGraceNanos;
                    player.graceDeadline = clock.now().plusNanos(reconnectGraceNanos);
                    reconnectDeadlines.start(player);
                    transition(player, PlayerSessionStatus.ACTIVE, PlayerChange.DISCONNECTED, reason);
                } else {
                    transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.COMPLETED, reason);
                }
            }
            after = player.snapshot(settings);
        }
        sweepIfOverBound();
        return Optional.of(after);
    }

    /**
     * Completes every ACTIVE player session as the agent stops, and every RESERVED one unless a
     * durable log keeps them: then a reservation outlives the restart, as it would a crash.
     */
    public void completeAll(DisconnectReason reason) {
        boolean keepReservations = stateLog.keeps();
        long ticket = 0;
        for (GameSessionEntry game : gameSessionsInOrder.values()) {
            synchronized (game) {
                for (PlayerSessionEntry player : game.playerSessions.values()) {
                    boolean ends = player.status == PlayerSessionStatus.ACTIVE
                            || (player.status == PlayerSessionStatus.RESERVED && !keepReservations);
                    if (ends) {
                        transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.COMPLETED, reason);
                    }
                }
                ticket = Math.max(ticket, game.lastTicket);
            }
        }
        sweepIfOverBound();
        stateLog.awaitDurable(ticket);
    }

    // ---------------------------------------------------------------- durable state

    /**
     * Hands the whole state of each game session and its player sessions to {@code consumer}, one
     * game session at a time, in creation order: each list is taken under that game session's lock
     * (so it is consistent) and handed on outside it. For a durable log's snapshot.
     */
    public void forEachGameSessionState(Consumer<List<StoredState>> consumer) {
        for (GameSessionEntry game : gameSessionsInOrder.values()) {
            List<StoredState> states = new ArrayList<>(1 + game.playerSessions.values().size());
            synchronized (game) {
                if (gameSessions.get(game.gameSessionId) != game) {
                    continue;
                }
                states.add(game.stored());
                game.playerSessions.values().forEach(player -> states.add(player.stored()));
            }
            consumer.accept(states);
        }
    }

    /**
     * Appends the whole state of every session to {@code log} again, each game session's under its
     * lock, so that a change made meanwhile is appended after the copy it supersedes. For a copy
     * (the fleet's Redis) that lost what it had; {@code log} must be as quick as any state log.
     */
    public void appendAllStatesTo(StateLog log) {
        for (GameSessionEntry game : gameSessionsInOrder.values()) {
            synchronized (game) {
                if (gameSessions.get(game.gameSessionId) != game) {
                    continue;
                }
                log.append(game.stored());
                game.playerSessions.values().forEach(player -> log.append(player.stored()));
            }
        }
    }

    /**
     * What {@link #restore} brought back.
     *
     * @param gameSessions game sessions restored
     * @param playerSessions player sessions restored, of any status
     * @param reserved RESERVED sessions that may still connect
     * @param timedOutWhileDown reservations whose deadline passed while the agent was down
     * @param completedAtRestart ACTIVE sessions whose connection died with the last process
     */
    public record Restored(int gameSessions, int playerSessions, int reserved, int timedOutWhileDown,
            int completedAtRestart) {
    }

    private record Ended(String key, Instant terminationTime) {
    }

    /**
     * Loads the sessions a durable log kept, into an empty store, before it serves anything.
     * RESERVED sessions keep their deadline, and one that passed while the agent was down is
     * TIMEDOUT at it; ACTIVE sessions whose connection died with the last process are COMPLETED
     * now, while those in their reconnect grace keep it; ended ones keep their retention.
     * Nothing is published; what the restart changed is written to the state log, and this
     * returns once it is durable, so a second crash cannot move those ends.
     */
    public Restored restore(Collection<StoredState> states) {
        if (!gameSessions.isEmpty()) {
            throw new IllegalStateException("sessions are restored into an empty store only");
        }
        // Two passes, games first, each in the order given: every map is keyed by id or sequence, and the
        // data dir's order (that of the files) keeps neighbours in memory together, which beats sorting.
        List<Ended> endedGames = new ArrayList<>();
        List<Ended> endedPlayers = new ArrayList<>();
        int[] counts = new int[5];
        long lastTicket = 0;
        long lastSequence = sequences.get();
        for (StoredState state : states) {
            lastSequence = Math.max(lastSequence, state.sequence());
            if (state instanceof StoredState.Game stored) {
                GameSessionEntry game = restoreGame(stored);
                counts[0]++;
                if (game.status.isTerminal()) {
                    endedGames.add(new Ended(game.gameSessionId, game.terminationTime));
                }
            }
        }
        sequences.set(lastSequence);
        for (StoredState state : states) {
            GameSessionEntry game = state instanceof StoredState.Player stored
                    ? gameSessions.get(stored.gameSessionId()) : null;
            if (game != null) {
                StoredState.Player stored = (StoredState.Player) state;
                PlayerSessionEntry player = restorePlayer(stored, game);
                counts[1]++;
                if (player.status == PlayerSessionStatus.RESERVED) {
                    counts[2]++;
                } else if (player.status == PlayerSessionStatus.TIMEDOUT
                        && stored.status() == PlayerSessionStatus.RESERVED) {
                    counts[3]++;
                } else if (player.status == PlayerSessionStatus.COMPLETED
                        && stored.status() == PlayerSessionStatus.ACTIVE) {
                    counts[4]++;
                }
                if (player.status.isTerminal()) {
                    endedPlayers.add(new Ended(player.playerSessionId, player.terminationTime));
                }
                if (player.status != stored.status()) {
                    lastTicket = stateLog.append(player.stored());
                }
            }
        }
        if (lastTicket != 0) {
            stateLog.awaitDurable(lastTicket);
        }
        retainInOrderOfEnds(endedGames, endedGameSessions);
        retainInOrderOfEnds(endedPlayers, endedPlayerSessions);
        endedPlayerSessions.sweep();
        endedGameSessions.sweep();
        return new Restored(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private GameSessionEntry restoreGame(StoredState.Game stored) {
        GameSessionEntry game = new GameSessionEntry(stored.sequence(), stored.gameSessionId(),
                stored.creationTime(), stored.origin());
        game.status = stored.status();
        game.terminationTime = stored.terminationTime();
        game.name = stored.name();
        game.maximumPlayerSessionCount = stored.maximumPlayerSessionCount();
        game.creationPolicy = stored.creationPolicy();
        game.protectionPolicy = stored.protectionPolicy();
        game.gameProperties = stored.gameProperties();
        gameSessions.put(game.gameSessionId, game);
        gameSessionsInOrder.put(game.sequence, game);
        gameSessionCounts.incrementAndGet(game.status.ordinal());
        if (!game.status.isTerminal()) {
            liveGameSessions.incrementAndGet();
        }
        return game;
    }

    private PlayerSessionEntry restorePlayer(StoredState.Player stored, GameSessionEntry game) {
        Instant now = clock.now();
        PlayerSessionStatus status = stored.status();
        Instant terminationTime = stored.terminationTime();
        Instant grace = null;
        if (status == PlayerSessionStatus.RESERVED && !now.isBefore(stored.reservationDeadline())) {
            status = PlayerSessionStatus.TIMEDOUT;
            terminationTime = stored.reservationDeadline();
        } else if (status == PlayerSessionStatus.ACTIVE) {
            grace = stored.connected() ? null : stored.graceDeadline();
            if (grace == null || !now.isBefore(grace)) {
                // Its connection died with the last process (or its grace ran out meanwhile).
                status = PlayerSessionStatus.COMPLETED;
                terminationTime = grace != null ? grace : now;
            }
        }
        PlayerSessionEntry player = new PlayerSessionEntry(stored.sequence(), stored.playerSessionId(),
                stored.playerId(), stored.playerData(), game, stored.creationTime(), stored.reservationDeadline(),
                tickerAt(stored.reservationDeadline(), now), status, terminationTime);
        if (status == PlayerSessionStatus.RESERVED) {
            reservationDeadlines.start(player);
        } else if (status == PlayerSessionStatus.ACTIVE) {
            player.graceDeadline = grace;
            player.graceDeadlineNanos = tickerAt(grace, now);
            reconnectDeadlines.start(player);
        }
        playerSessions.put(player.playerSessionId, player);
        game.playerSessions.add(player);
        playerSessionsByPlayer.add(player);
        playerSessionCounts.incrementAndGet(player.status.ordinal());
        if (player.status.holdsSlot()) {
            game.slotsHeld++;
        }
        return player;
    }

    /** Where {@code instant} falls on the store's ticker. */
    private long tickerAt(Instant instant) {
        return tickerAt(instant, clock.now());
    }

    private long tickerAt(Instant instant, Instant now) {
        return clock.nanoTime() + Duration.between(now, instant).toNanos();
    }

    private void retainInOrderOfEnds(List<Ended> ended, TerminalRetention retention) {
        ended.sort(Comparator.comparing(Ended::terminationTime));
        for (Ended end : ended) {
            retention.retain(end.key(), tickerAt(end.terminationTime()));
        }
    }

    // ---------------------------------------------------------------- counts and upkeep

    /** Returns how many player sessions the store holds in {@code status}. */
    public long playerSessionCount(PlayerSessionStatus status) {
        return playerSessionCounts.get(status.ordinal());
    }

    /** Returns how many game sessions the store holds in {@code status}. */
    public long gameSessionCount(GameSessionStatus status) {
        return gameSessionCounts.get(status.ordinal());
    }

    /**
     * Runs due expiries and purges now. The timers' scheduler does this on its own; tests that
     * move a fake ticker call it, and the agent calls it periodically for retention.
     */
    public void runMaintenance() {
        reservationDeadlines.cleanUp();
        reconnectDeadlines.cleanUp();
        endedPlayerSessions.sweep();
        endedGameSessions.sweep();
    }

    // ---------------------------------------------------------------- the one place of change

    /**
     * Moves a player session to {@code to} and publishes the change. Every player session
     * change goes through here, with its game session's lock held.
     */
    private PlayerSession transition(PlayerSessionEntry player, PlayerSessionStatus to, PlayerChange change,
            DisconnectReason reason) {
        PlayerSessionStatus from = player.status;
        boolean ends = to.isTerminal() && !player.status.isTerminal();
        if (ends) {
            // A reservation times out at its deadline, however late the timer noticed.
            player.terminationTime = change == PlayerChange.TIMED_OUT ? player.reservationDeadline() : clock.now();
            player.connected = false;
            player.gameSession.slotsHeld--;
            endedPlayerSessions.retain(player.playerSessionId);
        }
        player.status = to;
        if (from != to) {
            playerSessionCounts.decrementAndGet(from.ordinal());
            playerSessionCounts.incrementAndGet(to.ordinal());
            player.gameSession.playerSessions.moved(player, from);
        }
        PlayerSession after = player.snapshot(settings);
        events.onEvent(new SessionEvent.PlayerSessionChanged(after, change, reason));
        if (stateLog.keeps()) {
            player.gameSession.lastTicket = stateLog.append(player.stored());
        }
        if (ends) {
            // A deadline that passed may have fired already, its callback waiting for this lock: it
            // will find the session ended and change nothing.
            reservationDeadlines.cancel(player);
            reconnectDeadlines.cancel(player);
        }
        return after;
    }

    /** Moves a game session to {@code to} and publishes the change, with its lock held. */
    private void transition(GameSessionEntry game, GameSessionStatus to, GameChange change) {
        if (game.status != to) {
            gameSessionCounts.decrementAndGet(game.status.ordinal());
            gameSessionCounts.incrementAndGet(to.ordinal());
        }
        game.status = to;
        events.onEvent(new SessionEvent.GameSessionChanged(game.snapshot(settings), change));
        keep(game);
    }

    private void keep(GameSessionEntry game) {
        if (stateLog.keeps()) {
            game.lastTicket = stateLog.append(game.stored());
        }
    }

    private void reservationDeadlinePassed(PlayerSessionEntry player) {
        synchronized (player.gameSession) {
            timeOutIfOverdue(player);
        }
        sweepIfOverBound();
    }

    /**
     * Times out a reservation whose deadline has passed, should its timer not have run yet, so
     * whatever comes next (a connect, a removal, the game session's end) finds it TIMEDOUT, as
     * it would have a moment later. Call with the game session's lock held.
     *
     * @return true if it timed out now
     */
    private boolean timeOutIfOverdue(PlayerSessionEntry player) {
        if (player.status == PlayerSessionStatus.RESERVED
                && clock.nanoTime() - player.reservationDeadlineNanos >= 0) {
            transition(player, PlayerSessionStatus.TIMEDOUT, PlayerChange.TIMED_OUT, null);
            return true;
        }
        return false;
    }

    private void reconnectDeadlinePassed(PlayerSessionEntry player) {
        synchronized (player.gameSession) {
            if (player.status == PlayerSessionStatus.ACTIVE && !player.connected
                    && clock.nanoTime() - player.graceDeadlineNanos >= 0) {
                transition(player, PlayerSessionStatus.COMPLETED, PlayerChange.GRACE_EXPIRED,
                        DisconnectReason.CONNECTION_CLOSED);
            }
        }
        sweepIfOverBound();
    }

    private void sweepIfOverBound() {
        if (endedPlayerSessions.overBound()) {
            endedPlayerSessions.sweep();
        }
        if (endedGameSessions.overBound()) {
            endedGameSessions.sweep();
        }
    }

    private void purgePlayerSession(String playerSessionId) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        if (player == null) {
            return;
        }
        synchronized (player.gameSession) {
            if (!player.status.isTerminal() || !playerSessions.remove(playerSessionId, player)) {
                return;
            }
            player.gameSession.playerSessions.remove(player);
            playerSessionsByPlayer.remove(player);
            playerSessionCounts.decrementAndGet(player.status.ordinal());
        }
    }

    private void purgeGameSession(String gameSessionId) {
        GameSessionEntry game = gameSessions.get(gameSessionId);
        if (game == null) {
            return;
        }
        List<String> players = new ArrayList<>();
        synchronized (game) {
            if (!game.status.isTerminal() || !gameSessions.remove(gameSessionId, game)) {
                return;
            }
            gameSessionsInOrder.remove(game.sequence);
            gameSessionCounts.decrementAndGet(game.status.ordinal());
            game.playerSessions.values().forEach(player -> players.add(player.playerSessionId));
        }
        players.forEach(this::purgePlayerSession);
    }

    // ---------------------------------------------------------------- lookups

    private GameSessionEntry requireGameSession(String gameSessionId) {
        RequestRules.requirePresent("GameSessionId", gameSessionId);
        GameSessionEntry game = gameSessions.get(gameSessionId);
        if (game == null) {
            throw new NotFoundException("game session " + gameSessionId + " does not exist");
        }
        return game;
    }

    private PlayerSessionEntry requirePlayerSession(String playerSessionId) {
        PlayerSessionEntry player = playerSessions.get(playerSessionId);
        if (player == null) {
            throw new NotFoundException("player session " + playerSessionId + " does not exist");
        }
        return player;
    }

    /**
     * One page of the entries after the token's position. Each entry is snapshot once and the
     * filter judges the snapshot, so an item is returned exactly as it was judged.
     *
     * @param after the entries created after a sequence number, in creation order
     * @param snapshot an entry's snapshot, or null to skip it
     */
    private <E, T> Page<T> page(LongFunction<Collection<E>> after, String query, Integer limit,
            String nextToken, ToLongFunction<E> sequence, Function<E, T> snapshot, Predicate<T> filter) {
        int size = limit != null ? limit : settings.defaultPageLimit();
        long resumeAfter = nextToken == null ? Long.MIN_VALUE : pageTokens.decode(query, nextToken);
        List<T> items = new ArrayList<>(Math.min(size, 64));
        long lastSequence = resumeAfter;
        for (E entry : after.apply(resumeAfter)) {
            T item = snapshot.apply(entry);
            if (item == null || !filter.test(item)) {
                continue;
            }
            if (items.size() == size) {
                // One more match exists, so there is a next page; it starts after the last item returned.
                return new Page<>(items, Optional.of(pageTokens.encode(query, lastSequence)));
            }
            items.add(item);
            lastSequence = sequence.applyAsLong(entry);
        }
        return new Page<>(items, Optional.empty());
    }

    /** Snapshots a player session under its game session's lock, so its fields agree. */
    private PlayerSession snapshot(PlayerSessionEntry player) {
        synchronized (player.gameSession) {
            return player.snapshot(settings);
        }
    }
}
