package io.ticketgate.agent;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.control.auth.AccessKey;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.game.ListenerHandoff;
import io.ticketgate.agent.runtime.AgentDefaults;
import io.ticketgate.agent.runtime.AgentRuntime;
import io.ticketgate.agent.runtime.AgentSettings;
import io.ticketgate.agent.runtime.DataSettings;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.tls.TlsFiles;
import io.ticketgate.agent.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A Ticketgate agent embedded in a Java game server: it listens for players on the player port,
 * validates each one's player session, and hands accepted players to the game's
 * {@link TicketgateListener}.
 *
 * <pre>{@code
 * TicketgateAgent agent = TicketgateAgent.builder()
 *         .playerPort(7777)
 *         .listener(myGame)
 *         .build()
 *         .start();
 * GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(8).name("room").build());
 * PlayerSession ticket = agent.reservePlayerSession(game.gameSessionId(), "player-1", "Alice");
 * // give ticket.playerSessionId() to the player, who connects to port 7777 with it
 * }</pre>
 *
 * <p>All methods are thread-safe. The session methods may be called only while the agent runs,
 * between {@link #start()} and {@link #stop()}; they throw a {@link TicketgateException} subtype
 * named as GameLift names the same error.
 */
public final class TicketgateAgent implements AutoCloseable {

    private final ExecutorService ownedCallbackExecutor;
    private final AgentRuntime runtime;
    private volatile State state = State.NEW;

    private enum State { NEW, RUNNING, STOPPED }

    private TicketgateAgent(Builder config) {
        if (config.callbackExecutor == null) {
            ownedCallbackExecutor = Executors.newFixedThreadPool(config.callbackThreads,
                    new DefaultThreadFactory("ticketgate-callback", true));
        } else {
            ownedCallbackExecutor = null;
        }
        ListenerHandoff handoff = new ListenerHandoff(config.listener,
                ownedCallbackExecutor != null ? ownedCallbackExecutor : config.callbackExecutor);
        this.runtime = new AgentRuntime(config.settings(), handoff, handoff);
        if (config.observer != null) {
            runtime.addEventSink(config.observer);
        }
    }

    /** Returns a builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the player port (and the control API's) and starts serving players.
     *
     * @return this agent
     * @throws IllegalStateException if the agent was started before
     * @throws PortUnavailableException if a port cannot be bound: {@link PortUnavailableException#port()}
     *     says which, its message where and why
     * @throws java.io.UncheckedIOException if the data directory or a TLS file cannot be used
     */
    public synchronized TicketgateAgent start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the agent was already started");
        }
        try {
            runtime.start();
        } catch (RuntimeException e) {
            state = State.STOPPED;
            shutDownCallbacks();
            throw e;
        }
        state = State.RUNNING;
        return this;
    }

    /**
     * Stops the agent: new CONNECTs get SHUTTING_DOWN, every RESERVED and ACTIVE player session
     * is COMPLETED (the game hears {@link DisconnectReason#AGENT_STOPPED} for each connected
     * player), then the ports close. Waits up to a few seconds for the game's callbacks to run.
     * Stopping a stopped agent does nothing.
     */
    public synchronized void stop() {
        if (state != State.RUNNING) {
            state = State.STOPPED;
            return;
        }
        state = State.STOPPED;
        runtime.stop(Duration.ZERO);
        shutDownCallbacks();
    }

    private void shutDownCallbacks() {
        if (ownedCallbackExecutor != null) {
            ownedCallbackExecutor.shutdown();
            try {
                ownedCallbackExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Returns the port players connect to (the bound one, when the builder asked for port 0). */
    public int playerPort() {
        running();
        return runtime.playerPort();
    }

    /**
     * Returns the port of the control API (the bound one, when the builder asked for port 0).
     *
     * @throws IllegalStateException if the control API is disabled
     */
    public int controlPort() {
        running();
        int port = runtime.controlPort();
        if (port < 0) {
            throw new IllegalStateException("the control API is disabled");
        }
        return port;
    }

    /** Returns the address the player server listens on. */
    public InetSocketAddress playerAddress() {
        running();
        return runtime.playerAddress();
    }

    // ---------------------------------------------------------------- game sessions

    /**
     * Creates a game session. With {@link GameSessionActivation#AUTO} (the default) it is ACTIVE
     * at once; with MANUAL it stays ACTIVATING until {@link #activateGameSession}.
     *
     * @throws InvalidRequestException if a member breaks GameLift's constraints (named)
     * @throws IdempotentParameterMismatchException if its custom id is taken, or its
     *     idempotency token was used with other parameters
     * @throws LimitExceededException if the agent runs as many game sessions as it may
     */
    public GameSession createGameSession(CreateGameSessionRequest request) {
        return running().createGameSession(Objects.requireNonNull(request, "request"));
    }

    /**
     * Activates an ACTIVATING game session; it accepts reservations from then on.
     *
     * @throws NotFoundException if there is no such game session
     * @throws InvalidGameSessionStatusException if it has ended
     */
    public GameSession activateGameSession(String gameSessionId) {
        return running().activateGameSession(gameSessionId);
    }

    /**
     * Changes a game session's capacity, creation policy, name, protection or properties.
     *
     * @throws NotFoundException if there is no such game session
     * @throws InvalidGameSessionStatusException if it has ended
     * @throws InvalidRequestException if a member breaks GameLift's constraints (named)
     */
    public GameSession updateGameSession(UpdateGameSessionRequest request) {
        return running().updateGameSession(Objects.requireNonNull(request, "request"));
    }

    /**
     * Ends a game session: it becomes TERMINATED, its reservations and players COMPLETED, and its
     * players' connections are closed. Ending an ended game session changes nothing.
     *
     * @throws NotFoundException if there is no such game session
     */
    public GameSession endGameSession(String gameSessionId) {
        return running().endGameSession(gameSessionId);
    }

    /**
     * Describes game sessions, a page at a time, in creation order.
     *
     * @throws NotFoundException if a game session id is given and does not exist
     * @throws InvalidRequestException if the limit or the token is invalid
     */
    public Page<GameSession> describeGameSessions(DescribeGameSessionsRequest request) {
        return running().describeGameSessions(Objects.requireNonNull(request, "request"));
    }

    /** Returns a game session by id, if the agent knows it. */
    public Optional<GameSession> gameSession(String gameSessionId) {
        return running().gameSession(gameSessionId);
    }

    // ---------------------------------------------------------------- player sessions

    /**
     * Reserves a slot for a player. The player must connect with the returned session's id
     * within the reservation timeout, or the session becomes TIMEDOUT.
     *
     * @param gameSessionId an ACTIVE game session with ACCEPT_ALL policy and a free slot
     * @param playerId the game's id for the player, 1..1024 characters
     * @param playerData data handed to the game on accept, 1..2048 characters; null for none
     * @throws NotFoundException if there is no such game session
     * @throws InvalidGameSessionStatusException if it is not ACTIVE or its policy is DENY_ALL
     * @throws GameSessionFullException if it has no free slot
     * @throws InvalidRequestException if a member breaks GameLift's constraints (named)
     */
    public PlayerSession reservePlayerSession(String gameSessionId, String playerId, String playerData) {
        return running().reservePlayerSession(gameSessionId, playerId, playerData);
    }

    /**
     * Reserves slots for up to 25 players at once, all or nothing.
     *
     * @param playerIds distinct player ids, 1..25 of them
     * @param playerDataMap PlayerData by player id; may be empty or omit players
     * @throws GameSessionFullException if the game session lacks a slot for any one of them
     * @see #reservePlayerSession
     */
    public List<PlayerSession> reservePlayerSessions(String gameSessionId, List<String> playerIds,
            Map<String, String> playerDataMap) {
        return running().reservePlayerSessions(gameSessionId, playerIds, playerDataMap);
    }

    /**
     * Removes (kicks) a player session: it becomes COMPLETED and its connection, if any, is
     * closed, the game hearing {@link DisconnectReason#REMOVED}. Removing an ended session
     * changes nothing.
     *
     * @throws NotFoundException if there is no such player session
     */
    public PlayerSession removePlayerSession(String playerSessionId) {
        return running().removePlayerSession(playerSessionId);
    }

    /**
     * Describes player sessions with GameLift's filters, a page at a time, in creation order.
     *
     * @throws NotFoundException if a named game session or player session does not exist
     * @throws InvalidRequestException if no filter is given, or the limit or token is invalid
     */
    public Page<PlayerSession> describePlayerSessions(DescribePlayerSessionsRequest request) {
        return running().describePlayerSessions(Objects.requireNonNull(request, "request"));
    }

    /** Returns a player session by id, if the agent knows it. */
    public Optional<PlayerSession> playerSession(String playerSessionId) {
        return running().playerSession(playerSessionId);
    }

    /** Checks the TLS files now, as the reload timer does every few seconds; for tests. */
    boolean reloadTlsIfChanged() {
        return runtime.reloadTlsIfChanged();
    }

    /** The store, for tests in this package that move a fake clock and run timers. */
    SessionStore store() {
        return running();
    }

    private SessionStore running() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(state == State.NEW ? "the agent is not started" : "the agent is stopped");
        }
        return runtime.store();
    }

    /**
     * Configures a {@link TicketgateAgent}. Every setting has a default except the listener.
     * {@link #build()} checks every setting and names the first bad one.
     */
    public static final class Builder {

        public static final int DEFAULT_PLAYER_PORT = AgentDefaults.PLAYER_PORT;
        public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = AgentDefaults.HANDSHAKE_TIMEOUT;
        public static final Duration DEFAULT_RESERVATION_TIMEOUT = AgentDefaults.RESERVATION_TIMEOUT;
        public static final Duration DEFAULT_ADMISSION_TIMEOUT = AgentDefaults.ADMISSION_TIMEOUT;
        public static final Duration DEFAULT_RETENTION = AgentDefaults.RETENTION;
        public static final String DEFAULT_FLEET_ID = AgentDefaults.FLEET_ID;
        public static final int DEFAULT_CONTROL_PORT = AgentDefaults.CONTROL_PORT;

        private int playerPort = DEFAULT_PLAYER_PORT;
        private String playerBindAddress = AgentDefaults.PLAYER_BIND;
        private boolean controlApi = true;
        private int controlPort = DEFAULT_CONTROL_PORT;
        private String controlBindAddress = AgentDefaults.CONTROL_BIND;
        private ControlLimits controlLimits = ControlLimits.defaults();
        private final List<AccessKey> controlCredentials = new ArrayList<>();
        private boolean controlAllowUnauthenticated;
        private String localApiToken;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration reservationTimeout = DEFAULT_RESERVATION_TIMEOUT;
        private Duration admissionTimeout = DEFAULT_ADMISSION_TIMEOUT;
        private Duration reconnectGrace = AgentDefaults.RECONNECT_GRACE;
        private Duration retention = DEFAULT_RETENTION;
        private int maxRetainedPlayerSessions = AgentDefaults.MAX_RETAINED_PLAYER_SESSIONS;
        private int maxRetainedGameSessions = AgentDefaults.MAX_RETAINED_GAME_SESSIONS;
        private int maxGameSessions = AgentDefaults.MAX_GAME_SESSIONS;
        private int maxConnections = AgentDefaults.MAX_CONNECTIONS;
        private PlayerLimits playerLimits = PlayerLimits.defaults();
        private int defaultPageLimit = AgentDefaults.PAGE_LIMIT;
        private int ioThreads = AgentDefaults.ioThreads();
        private int callbackThreads = 4;
        private String fleetId = DEFAULT_FLEET_ID;
        private String region = AgentDefaults.REGION;
        private String accountId = AgentDefaults.ACCOUNT_ID;
        private String advertiseIp = AgentDefaults.ADVERTISE_IP;
        private String advertiseDns;
        private int advertisePort;
        private GameSessionActivation gameSessionActivation = AgentDefaults.GAME_SESSION_ACTIVATION;
        private TlsFiles playerTls;
        private TlsFiles controlTls;
        private DataSettings data = DataSettings.MEMORY_ONLY;
        private TicketgateListener listener;
        private Executor callbackExecutor;
        private SessionEventSink observer;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        /** The TCP port players connect to; 0 picks a free one. Default 7777. */
        public Builder playerPort(int port) {
            this.playerPort = port;
            return this;
        }

        /** The address the player port binds; default all interfaces (0.0.0.0). */
        public Builder playerBindAddress(String address) {
            this.playerBindAddress = address;
            return this;
        }

        /**
         * Whether to serve the control API: GameLift's operations over HTTP (AWS JSON 1.1 and
         * Smithy RPC v2 CBOR), plus /healthz, /readyz and /metrics. Default true.
         */
        public Builder controlApi(boolean enabled) {
            this.controlApi = enabled;
            return this;
        }

        /** The control API's TCP port; 0 picks a free one. Default 9080. */
        public Builder controlPort(int port) {
            this.controlPort = port;
            return this;
        }

        /**
         * The address the control API binds. Default 127.0.0.1. An address other than loopback
         * needs {@link #controlCredentials} (or, knowingly, {@link #controlAllowUnauthenticated}).
         */
        public Builder controlBindAddress(String address) {
            this.controlBindAddress = address;
            return this;
        }

        /**
         * Adds a key pair the control API accepts. With at least one, every GameLift operation
         * must carry a valid AWS Signature Version 4 by one of them (as the AWS SDKs and aws-cli
         * compute it with these keys); others get UnauthorizedException. Call again to accept
         * several at once, e.g. while rotating keys. /healthz, /readyz and /metrics stay open.
         *
         * @param accessKeyId the access key id backends sign with
         * @param secretKey its secret access key; never logged
         * @throws IllegalArgumentException if the id is not printable ASCII without spaces, /, , or
         *     =, or the secret is empty
         */
        public Builder controlCredentials(String accessKeyId, String secretKey) {
            require(AccessKey.isValidId(accessKeyId), "controlCredentials' accessKeyId must be " + AccessKey.ID_RULE);
            require(secretKey != null && !secretKey.isEmpty(), "controlCredentials' secretKey must not be empty");
            controlCredentials.add(new AccessKey(accessKeyId, secretKey));
            return this;
        }

        /**
         * Lets the control API bind an address other than loopback without credentials. Default
         * false: such a bind is refused by {@link #build()}, since anyone who reaches the port
         * could then create and end sessions.
         */
        public Builder controlAllowUnauthenticated(boolean allowed) {
            this.controlAllowUnauthenticated = allowed;
            return this;
        }

        /**
         * A bearer token the local API ({@code /local/v1/...}) demands: each request must carry
         * {@code Authorization: Bearer <token>}, else 401 UnauthorizedException. Default none.
         */
        public Builder localApiToken(String token) {
            this.localApiToken = token;
            return this;
        }

        /**
         * What one client may take of the control port and the local API on it: header, body and
         * idle timeouts, the connection cap, the body bound and the request rate bound. Default
         * {@link ControlLimits#defaults()}.
         */
        public Builder controlLimits(ControlLimits limits) {
            this.controlLimits = limits;
            return this;
        }

        /** How long a new connection has to send its whole CONNECT. Default 5 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = timeout;
            return this;
        }

        /** How long a reservation waits for its player before it becomes TIMEDOUT. Default 60 s. */
        public Builder reservationTimeout(Duration timeout) {
            this.reservationTimeout = timeout;
            return this;
        }

        /**
         * How long the listener's {@link TicketgateListener#onPlayerAccepted} stage has to
         * complete before the player gets BUSY. Default 5 s.
         */
        public Builder admissionTimeout(Duration timeout) {
            this.admissionTimeout = timeout;
            return this;
        }

        /**
         * How long an ACTIVE player whose connection dropped may reconnect with the same player
         * session id before the session becomes COMPLETED. Default 0: no reconnect, as GameLift.
         */
        public Builder reconnectGrace(Duration grace) {
            this.reconnectGrace = grace;
            return this;
        }

        /** How long ended sessions stay describable. Default 30 days. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** The most ended player sessions kept; the oldest go first. Default 100,000. */
        public Builder maxRetainedPlayerSessions(int count) {
            this.maxRetainedPlayerSessions = count;
            return this;
        }

        /** The most ended game sessions kept; the oldest go first. Default 10,000. */
        public Builder maxRetainedGameSessions(int count) {
            this.maxRetainedGameSessions = count;
            return this;
        }

        /** The most game sessions not yet ended. Default 1,000. */
        public Builder maxGameSessions(int count) {
            this.maxGameSessions = count;
            return this;
        }

        /** The most player connections open at once; more get BUSY. Default 10,000. */
        public Builder maxConnections(int count) {
            this.maxConnections = count;
            return this;
        }

        /**
         * What one address may take of the player port: connections, new connections a second,
         * and the handshakes pending from all. Default {@link PlayerLimits#defaults()}.
         */
        public Builder playerLimits(PlayerLimits limits) {
            this.playerLimits = limits;
            return this;
        }

        /** Event loop threads for player connections. Default: one per core. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Threads for listener callbacks, when no executor is given. Default 4. */
        public Builder callbackThreads(int threads) {
            this.callbackThreads = threads;
            return this;
        }

        /** The page size of describe calls that give no limit. Default 50. */
        public Builder defaultPageLimit(int limit) {
            this.defaultPageLimit = limit;
            return this;
        }

        /** The fleet id reported in sessions and ARNs; must start with {@code fleet-}. Default fleet-local. */
        public Builder fleetId(String fleetId) {
            this.fleetId = fleetId;
            return this;
        }

        /** The region written into ARNs. Default {@code local}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The IpAddress reported in sessions: where players connect. Default 127.0.0.1. */
        public Builder advertiseIp(String ip) {
            this.advertiseIp = ip;
            return this;
        }

        /** The DnsName reported in sessions. Default none. */
        public Builder advertiseDns(String dnsName) {
            this.advertiseDns = dnsName;
            return this;
        }

        /** The Port reported in sessions. Default: the player port. */
        public Builder advertisePort(int port) {
            this.advertisePort = port;
            return this;
        }

        /**
         * Serves the player port over TLS with this certificate chain and private key (PEM; the
         * key PKCS#8, unencrypted). TGT/1 then runs inside TLS unchanged, and a client that does
         * not speak TLS is closed without an answer. The files are read at start and again
         * whenever their content changes, so a rotated certificate serves new connections without
         * a restart. Default: plaintext.
         *
         * @param certificate the certificate chain, leaf first
         * @param privateKey the leaf's private key; keep it readable by this process only
         */
        public Builder playerTls(Path certificate, Path privateKey) {
            require(certificate != null && privateKey != null, "playerTls needs a certificate and a private key");
            this.playerTls = new TlsFiles(certificate, privateKey);
            return this;
        }

        /**
         * Serves the control API over HTTPS with this certificate chain and private key, under the
         * same rules as {@link #playerTls}. Default: plain HTTP.
         */
        public Builder controlTls(Path certificate, Path privateKey) {
            require(certificate != null && privateKey != null, "controlTls needs a certificate and a private key");
            this.controlTls = new TlsFiles(certificate, privateKey);
            return this;
        }

        /**
         * Keeps every game and player session in {@code directory} (made if missing), so they
         * survive a restart or a crash: each call that changes a session returns once its change
         * is on disk. Reservations come back with their deadlines, and those that passed while
         * the agent was down have TIMED OUT then; ACTIVE sessions whose connections died with the
         * process are COMPLETED. One agent at a time may use a directory; {@link #start()} fails
         * naming the lock otherwise. Default: memory only.
         */
        public Builder dataDirectory(Path directory) {
            require(directory != null, "dataDirectory must not be null");
            this.data = DataSettings.in(directory.toAbsolutePath());
            return this;
        }

        /** How new game sessions become ACTIVE. Default AUTO. */
        public Builder gameSessionActivation(GameSessionActivation activation) {
            this.gameSessionActivation = activation;
            return this;
        }

        /** The game's listener. Required. */
        public Builder listener(TicketgateListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Runs listener callbacks on {@code executor} instead of the agent's own pool; the agent
         * does not shut it down.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /** The wall clock for session timestamps. For tests; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The monotonic nanosecond source, read as {@link System#nanoTime()} is, for the agent's
         * deadlines (reservation timeout, reconnect grace, retention) and rate limits. For tests
         * that move time by hand; default {@code System::nanoTime}.
         */
        public Builder ticker(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        /** Receives every store change; for the agent's own modules and tests. */
        Builder observer(SessionEventSink observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Checks every setting and returns an agent, not yet started.
         *
         * @throws IllegalArgumentException naming the first bad setting and what is allowed
         */
        public TicketgateAgent build() {
            require(listener != null, "listener is required");
            require(playerPort >= 0 && playerPort <= 65535, "playerPort must be 0..65535, was " + playerPort);
            require(controlPort >= 0 && controlPort <= 65535, "controlPort must be 0..65535, was " + controlPort);
            require(controlBindAddress != null && !controlBindAddress.isBlank(), "controlBindAddress is required");
            require(localApiToken == null || !localApiToken.isBlank(), "localApiToken must not be blank");
            require(controlCredentials.stream().map(AccessKey::accessKeyId).distinct().count()
                    == controlCredentials.size(), "controlCredentials gives an access key id twice");
            String unsafeBind = controlApi ? controlAuth().unsafeBind(controlBindAddress) : null;
            require(unsafeBind == null, unsafeBind + ": add controlCredentials(accessKeyId, secretKey),"
                    + " or controlAllowUnauthenticated(true)");
            require(advertisePort >= 0 && advertisePort <= 60000,
                    "advertisePort must be 1..60000 (GameLift's range), was " + advertisePort);
            require(playerBindAddress != null && !playerBindAddress.isBlank(), "playerBindAddress is required");
            requirePositive("handshakeTimeout", handshakeTimeout);
            requirePositive("reservationTimeout", reservationTimeout);
            requirePositive("admissionTimeout", admissionTimeout);
            requirePositive("retention", retention);
            require(reconnectGrace != null && !reconnectGrace.isNegative()
                    && reconnectGrace.compareTo(AgentDefaults.MAX_DURATION) <= 0,
                    "reconnectGrace must be zero to " + AgentDefaults.MAX_DURATION.toDays() + " days, was "
                            + reconnectGrace);
            require(maxRetainedPlayerSessions > 0, "maxRetainedPlayerSessions must be positive");
            require(maxRetainedGameSessions > 0, "maxRetainedGameSessions must be positive");
            require(maxGameSessions > 0, "maxGameSessions must be positive");
            require(maxConnections > 0, "maxConnections must be positive");
            require(defaultPageLimit > 0, "defaultPageLimit must be positive");
            require(ioThreads > 0, "ioThreads must be positive");
            require(callbackThreads > 0, "callbackThreads must be positive");
            require(fleetId != null && fleetId.matches("fleet-\\S+"), "fleetId must match fleet-\\S+, was " + fleetId);
            require(region != null && region.matches("[a-z0-9-]+"), "region must match [a-z0-9-]+, was " + region);
            require(advertiseIp != null && (NetUtil.isValidIpV4Address(advertiseIp)
                    || NetUtil.isValidIpV6Address(advertiseIp)),
                    "advertiseIp must be an IPv4 or IPv6 address, was " + advertiseIp);
            require(gameSessionActivation != null, "gameSessionActivation is required");
            require(controlLimits != null, "controlLimits is required");
            require(playerLimits != null, "playerLimits is required");
            require(clock != null, "clock is required");
            require(nanoTime != null, "ticker is required");
            return new TicketgateAgent(this);
        }

        private AgentSettings settings() {
            return new AgentSettings(playerPort, playerBindAddress, controlApi, controlPort, controlBindAddress,
                    controlAuth(), controlLimits,
                    handshakeTimeout, reservationTimeout, admissionTimeout, reconnectGrace, retention,
                    maxRetainedPlayerSessions, maxRetainedGameSessions, maxGameSessions, maxConnections,
                    playerLimits, defaultPageLimit, ioThreads, fleetId, region, accountId, advertiseIp, advertiseDns,
                    advertisePort, gameSessionActivation, new TlsSettings(playerTls, controlTls), data, null, clock,
                    nanoTime);
        }

        private ControlAuthSettings controlAuth() {
            return new ControlAuthSettings(controlCredentials, controlAllowUnauthenticated, localApiToken);
        }

        private static void requirePositive(String name, Duration value) {
            require(value != null && !value.isNegative() && !value.isZero(),
                    name + " must be positive, was " + value);
            require(value.compareTo(AgentDefaults.MAX_DURATION) <= 0,
                    name + " must be at most " + AgentDefaults.MAX_DURATION.toDays() + " days, was " + value);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
