package io.ticketgate.agent.control;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.InvalidGameSessionStatusException;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.NotFoundException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.ProtectionPolicy;
import io.ticketgate.agent.UpdateGameSessionRequest;
import io.ticketgate.agent.control.Shapes.GameSessionDetailShape;
import io.ticketgate.agent.control.Shapes.GameSessionDetailsOutput;
import io.ticketgate.agent.control.Shapes.GameSessionOutput;
import io.ticketgate.agent.control.Shapes.GameSessionShape;
import io.ticketgate.agent.control.Shapes.GameSessionsOutput;
import io.ticketgate.agent.control.Shapes.PlayerSessionOutput;
import io.ticketgate.agent.control.Shapes.PlayerSessionShape;
import io.ticketgate.agent.control.Shapes.PlayerSessionsOutput;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * GameLift's operations over the session store, independent of the wire format: each takes the
 * request structure as decoded by either format and returns a response shape. This is the only
 * place the operations are written.
 */
final class GameLiftOperations {

    static final int MAX_PLAYER_SESSIONS_PER_GAME = 200;

    private static final Pattern FLEET_ID_OR_ARN = Pattern.compile("^fleet-\\S+|^arn:.*:fleet/fleet-\\S+");
    private static final Pattern ALIAS_ID_OR_ARN = Pattern.compile("^alias-\\S+|^arn:.*:alias/alias-\\S+");
    private static final Pattern LOCATION = Pattern.compile("^[A-Za-z0-9\\-]+");

    /** Local pages read while merging a player's sessions with the fleet's: big, to read them in few calls. */
    private static final int LOCAL_READ_LIMIT = 1_000;

    /** The operations on one game session, which run at the agent holding it, and their answers' shapes. */
    private static final Map<String, Class<?>> PASSED_ON = Map.of(
            "CreatePlayerSession", PlayerSessionOutput.class,
            "CreatePlayerSessions", PlayerSessionsOutput.class,
            "UpdateGameSession", GameSessionOutput.class,
            "DescribePlayerSessions", PlayerSessionsOutput.class);

    private final SessionStore store;
    private final SessionsElsewhere elsewhere;
    private final StoreSettings settings;
    private final Map<String, Function<Members, Object>> operations;

    GameLiftOperations(SessionStore store) {
        this(store, SessionsElsewhere.NONE);
    }

    GameLiftOperations(SessionStore store, SessionsElsewhere elsewhere) {
        this.store = store;
        this.elsewhere = elsewhere;
        this.settings = store.settings();
        this.operations = Map.of(
                "CreateGameSession", this::createGameSession,
                "DescribeGameSessions", this::describeGameSessions,
                "DescribeGameSessionDetails", this::describeGameSessionDetails,
                "UpdateGameSession", this::updateGameSession,
                "CreatePlayerSession", this::createPlayerSession,
                "CreatePlayerSessions", this::createPlayerSessions,
                "DescribePlayerSessions", this::describePlayerSessions);
    }

    /** Returns true if {@code operation} is served. */
    boolean serves(String operation) {
        return operations.containsKey(operation);
    }

    /**
     * Runs an operation; in a fleet, one on a game session another agent holds runs there.
     *
     * @throws io.ticketgate.agent.TicketgateException named as GameLift names the error
     */
    Object invoke(String operation, Members input) {
        Class<?> answer = PASSED_ON.get(operation);
        String gameSessionId = answer != null && elsewhere != SessionsElsewhere.NONE
                ? gameSessionElsewhere(operation, input) : null;
        if (gameSessionId != null) {
            Optional<String> holder;
            try {
                holder = elsewhere.holder(gameSessionId);
            } catch (InvalidGameSessionStatusException holderLeft) {
                if (!operation.equals("DescribePlayerSessions")) {
                    throw holderLeft;
                }
                // Its sessions as the fleet last copied them (ended by a survivor).
                return playerSessionsOutput(copied(playerSessionsRequest(input), gameSessionId));
            }
            if (holder.isPresent()) {
                return PeerOperations.shape(elsewhere.call(holder.get(), operation, input.tree()), answer);
            }
        }
        return operations.get(operation).apply(input);
    }

    /** The game session the request names if this agent does not hold it (another may), or null. */
    private String gameSessionElsewhere(String operation, Members in) {
        String gameSessionId = in.string("GameSessionId");
        if (gameSessionId == null || store.gameSession(gameSessionId).isPresent()) {
            return null;
        }
        if (operation.equals("DescribePlayerSessions")
                && (in.string("PlayerId") != null || in.string("PlayerSessionId") != null)) {
            // By player: merged fleet-wide here; by player session id: read from the fleet's copy.
            return null;
        }
        return gameSessionId;
    }

    /** A page of a game session's player sessions as the fleet copied them, for one whose agent left. */
    private Page<PlayerSession> copied(DescribePlayerSessionsRequest request, String gameSessionId) {
        requireLimit(request.limit());
        List<PlayerSession> sessions = elsewhere.inGameSession(gameSessionId).stream()
                .filter(session -> request.statusFilter() == null || session.status() == request.statusFilter())
                .toList();
        return FleetPlayerPages.page(request, List.of(), sessions, settings.defaultPageLimit());
    }

    private Object createGameSession(Members in) {
        String fleetId = in.string("FleetId");
        String aliasId = in.string("AliasId");
        if ((fleetId == null) == (aliasId == null)) {
            throw new InvalidRequestException("exactly one of FleetId or AliasId is required");
        }
        if (aliasId != null) {
            requirePattern("AliasId", aliasId, ALIAS_ID_OR_ARN, "alias-\\S+ or an alias ARN");
            throw new NotFoundException("alias " + aliasId + " does not exist; this agent serves fleet "
                    + settings.fleetId());
        }
        requireOurFleet(fleetId);
        requireOurLocation(in.string("Location"));
        CreateGameSessionRequest request = new CreateGameSessionRequest(
                maximumPlayerSessionCount(in.requiredInteger("MaximumPlayerSessionCount")),
                in.string("Name"),
                gameProperties(in),
                in.string("GameSessionData"),
                in.string("CreatorId"),
                in.string("GameSessionId"),
                in.string("IdempotencyToken"));
        if (elsewhere == SessionsElsewhere.NONE) {
            return new GameSessionOutput(shape(store.createGameSession(request)));
        }
        elsewhere.requireReachable();
        SessionsElsewhere.Placement placement = elsewhere.place(
                request.idempotencyToken() != null ? request.idempotencyToken() : request.gameSessionId());
        try {
            GameSessionOutput created = placement.agentId() == null
                    ? new GameSessionOutput(shape(store.createGameSession(request)))
                    : PeerOperations.shape(elsewhere.call(placement.agentId(), "CreateGameSession", in.tree()),
                            GameSessionOutput.class);
            placement.created(created.gameSession().gameSessionId());
            return created;
        } catch (RuntimeException e) {
            placement.failed(e);
            throw e;
        }
    }

    private Object describeGameSessions(Members in) {
        Page<GameSession> page = gameSessionPage(in);
        return new GameSessionsOutput(page.items().stream().map(this::shape).toList(),
                page.nextToken().orElse(null));
    }

    private Object describeGameSessionDetails(Members in) {
        Page<GameSession> page = gameSessionPage(in);
        List<GameSessionDetailShape> details = page.items().stream()
                .map(session -> new GameSessionDetailShape(shape(session), session.protectionPolicy().name()))
                .toList();
        return new GameSessionDetailsOutput(details, page.nextToken().orElse(null));
    }

    private Page<GameSession> gameSessionPage(Members in) {
        String fleetId = in.string("FleetId");
        String aliasId = in.string("AliasId");
        String gameSessionId = in.string("GameSessionId");
        String location = in.string("Location");
        GameSessionStatus status = in.enumValue("StatusFilter", GameSessionStatus.class);
        Integer limit = in.integer("Limit");
        String nextToken = in.string("NextToken");
        if (fleetId == null && aliasId == null && gameSessionId == null) {
            throw new InvalidRequestException("one of FleetId, AliasId or GameSessionId is required");
        }
        if (aliasId != null) {
            requirePattern("AliasId", aliasId, ALIAS_ID_OR_ARN, "alias-\\S+ or an alias ARN");
            throw new NotFoundException("alias " + aliasId + " does not exist");
        }
        if (fleetId != null) {
            requireOurFleet(fleetId);
        }
        if (location != null) {
            requireLocation(location);
        }
        Page<GameSession> page = fleetId != null && gameSessionId == null && elsewhere != SessionsElsewhere.NONE
                ? fleetWide(status, limit, nextToken) : null;
        if (page == null) {
            page = localOrCopied(gameSessionId, status, limit, nextToken);
        }
        if (location != null && !location.equals(settings.region())) {
            // The fleet's one location is its region; no other holds game sessions.
            return new Page<>(List.of(), java.util.Optional.empty());
        }
        return page;
    }

    /** This agent's game sessions, or one game session by id, which in a fleet may be another agent's. */
    private Page<GameSession> localOrCopied(String gameSessionId, GameSessionStatus status, Integer limit,
            String nextToken) {
        try {
            // The store checks Limit, NextToken and GameSessionId, whatever the location.
            return store.describeGameSessions(new DescribeGameSessionsRequest(gameSessionId, status, limit, nextToken));
        } catch (NotFoundException notHere) {
            GameSession there = gameSessionId == null ? null : elsewhere.gameSession(gameSessionId).orElse(null);
            if (there == null) {
                throw notHere;
            }
            return new Page<>(status == null || there.status() == status ? List.of(there) : List.of(),
                    Optional.empty());
        }
    }

    /** Every game session of the fleet, whichever agent holds it; null for a standalone agent. */
    private Page<GameSession> fleetWide(GameSessionStatus status, Integer limit, String nextToken) {
        requireLimit(limit);
        if (nextToken != null && (nextToken.isEmpty() || nextToken.length() > 1024)) {
            throw new InvalidRequestException("NextToken must be 1..1024 characters long, was " + nextToken.length());
        }
        return elsewhere.gameSessions(status, limit != null ? limit : settings.defaultPageLimit(), nextToken,
                store::gameSession);
    }

    /**
     * GameLift's quota of player sessions per game session: the model's WholeNumber has no upper
     * bound, but the service refuses more, and so does its API here (a count near 2^31 is never
     * meant). The embedded Java API, not GameLift's, takes any count of 0 or more.
     */
    private static Integer maximumPlayerSessionCount(Integer value) {
        if (value != null && value > MAX_PLAYER_SESSIONS_PER_GAME) {
            throw new InvalidRequestException("MaximumPlayerSessionCount must be at most "
                    + MAX_PLAYER_SESSIONS_PER_GAME + " (GameLift's player sessions per game session), was " + value);
        }
        return value;
    }

    private Object updateGameSession(Members in) {
        UpdateGameSessionRequest request = new UpdateGameSessionRequest(
                in.requiredString("GameSessionId"),
                maximumPlayerSessionCount(in.integer("MaximumPlayerSessionCount")),
                in.string("Name"),
                in.enumValue("PlayerSessionCreationPolicy", PlayerSessionCreationPolicy.class),
                in.enumValue("ProtectionPolicy", ProtectionPolicy.class),
                gameProperties(in));
        return new GameSessionOutput(shape(store.updateGameSession(request)));
    }

    private Object createPlayerSession(Members in) {
        elsewhere.requireReachable();
        PlayerSession session = store.reservePlayerSession(in.requiredString("GameSessionId"),
                in.requiredString("PlayerId"), in.string("PlayerData"));
        return new PlayerSessionOutput(PlayerSessionShape.of(session));
    }

    private Object createPlayerSessions(Members in) {
        String gameSessionId = in.requiredString("GameSessionId");
        List<String> playerIds = in.stringList("PlayerIds");
        if (playerIds == null) {
            throw new InvalidRequestException("PlayerIds is required");
        }
        Map<String, String> playerData = in.stringMap("PlayerDataMap");
        elsewhere.requireReachable();
        List<PlayerSession> sessions = store.reservePlayerSessions(gameSessionId, playerIds, playerData);
        return new PlayerSessionsOutput(sessions.stream().map(PlayerSessionShape::of).toList(), null);
    }

    private Object describePlayerSessions(Members in) {
        DescribePlayerSessionsRequest request = playerSessionsRequest(in);
        Page<PlayerSession> page = elsewhere != SessionsElsewhere.NONE && request.playerId() != null
                && request.playerSessionId() == null ? fleetWide(request) : localOrElsewhere(request);
        return playerSessionsOutput(page);
    }

    private static PlayerSessionsOutput playerSessionsOutput(Page<PlayerSession> page) {
        return new PlayerSessionsOutput(page.items().stream().map(PlayerSessionShape::of).toList(),
                page.nextToken().orElse(null));
    }

    private static DescribePlayerSessionsRequest playerSessionsRequest(Members in) {
        String playerSessionId = in.string("PlayerSessionId");
        Integer limit = in.integer("Limit");
        DescribePlayerSessionsRequest request = new DescribePlayerSessionsRequest(
                in.string("GameSessionId"),
                in.string("PlayerId"),
                playerSessionId,
                in.enumValue("PlayerSessionStatusFilter", PlayerSessionStatus.class),
                // The model: "If a player session ID is specified, this parameter is ignored."
                playerSessionId != null ? null : limit,
                in.string("NextToken"));
        if (playerSessionId != null) {
            requireLimit(limit);
        }
        return request;
    }

    /** This agent's answer, or in a fleet another agent's session when the id is not this agent's. */
    private Page<PlayerSession> localOrElsewhere(DescribePlayerSessionsRequest request) {
        String playerSessionId = request.playerSessionId();
        if (playerSessionId == null || elsewhere == SessionsElsewhere.NONE) {
            return store.describePlayerSessions(request);
        }
        Page<PlayerSession> here;
        try {
            // First, so the request is checked as always.
            here = store.describePlayerSessions(request);
        } catch (NotFoundException notHere) {
            return new Page<>(List.of(elsewhere.playerSession(playerSessionId).orElseThrow(() -> notHere)),
                    Optional.empty());
        }
        if (!here.items().isEmpty() || store.playerSession(playerSessionId).isPresent()) {
            return here;
        }
        List<PlayerSession> there = elsewhere.playerSession(playerSessionId)
                .filter(session -> request.gameSessionId() == null
                        || request.gameSessionId().equals(session.gameSessionId()))
                .filter(session -> request.playerId() == null || request.playerId().equals(session.playerId()))
                .stream().toList();
        return new Page<>(there, Optional.empty());
    }

    /** A player's sessions on every agent of the fleet; the request is checked as the store checks it. */
    private Page<PlayerSession> fleetWide(DescribePlayerSessionsRequest request) {
        requireLimit(request.limit());
        // The store checks the player id; a game session given may be another agent's, so it only filters.
        DescribePlayerSessionsRequest local = new DescribePlayerSessionsRequest(null, request.playerId(), null, null,
                LOCAL_READ_LIMIT, null);
        List<PlayerSession> own = new ArrayList<>();
        Page<PlayerSession> read = store.describePlayerSessions(local);
        own.addAll(read.items());
        while (read.nextToken().isPresent()) {
            read = store.describePlayerSessions(new DescribePlayerSessionsRequest(null, request.playerId(), null, null,
                    LOCAL_READ_LIMIT, read.nextToken().get()));
            own.addAll(read.items());
        }
        return FleetPlayerPages.page(request, own, elsewhere.ofPlayer(request.playerId()),
                settings.defaultPageLimit());
    }

    private static List<GameProperty> gameProperties(Members in) {
        List<Members> items = in.structureList("GameProperties");
        if (items == null) {
            return null;
        }
        List<GameProperty> properties = new ArrayList<>(items.size());
        for (Members item : items) {
            properties.add(new GameProperty(item.requiredString("Key"), item.requiredString("Value")));
        }
        return properties;
    }

    private void requireOurFleet(String fleetId) {
        requirePattern("FleetId", fleetId, FLEET_ID_OR_ARN, "fleet-\\S+ or a fleet ARN");
        if (!fleetId.equals(settings.fleetId()) && !fleetId.equals(settings.fleetArn())) {
            throw new NotFoundException("fleet " + fleetId + " does not exist; this agent serves fleet "
                    + settings.fleetId());
        }
    }

    private void requireOurLocation(String location) {
        if (location == null) {
            return;
        }
        requireLocation(location);
        if (!location.equals(settings.region())) {
            throw new InvalidRequestException("Location " + location + " is not a location of fleet "
                    + settings.fleetId() + "; its one location is " + settings.region());
        }
    }

    private static void requireLocation(String location) {
        if (location.isEmpty() || location.length() > 64) {
            throw new InvalidRequestException("Location must be 1..64 characters long, was " + location.length());
        }
        requirePattern("Location", location, LOCATION, "[A-Za-z0-9-]+");
    }

    /** The store's rule for Limit, for the pages the fleet makes (the store checks its own). */
    private static void requireLimit(Integer limit) {
        if (limit != null && limit < 1) {
            throw new InvalidRequestException("Limit must be at least 1, was " + limit);
        }
    }

    private static void requirePattern(String member, String value, Pattern pattern, String description) {
        if (!pattern.matcher(value).find()) {
            throw new InvalidRequestException(member + " must match " + description);
        }
    }

    private GameSessionShape shape(GameSession session) {
        return GameSessionShape.of(session, settings.region());
    }
}
