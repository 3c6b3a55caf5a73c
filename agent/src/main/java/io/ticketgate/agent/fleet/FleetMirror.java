package io.ticketgate.agent.fleet;

import io.lettuce.core.SetArgs;
import io.ticketgate.agent.durable.StateCodec;
import io.ticketgate.agent.store.StateLog;
import io.ticketgate.agent.store.StoredState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every change of this agent's sessions to the fleet's Redis, so that describes through
 * any agent see it: the store hands it each change through the same seam as the durable log
 * ({@link StateLog}), and it writes them in batches, at most {@link #FLUSH_INTERVAL_MILLIS}
 * later, the latest state of each session only. Nothing waits for it: a change is visible
 * fleet-wide within about a tenth of a second while Redis answers, and once it answers again
 * after an outage (what could not be written is kept, one state per session, and written then).
 *
 * <p>Keys are tagged by game session, so that Redis Cluster keeps a game session's keys in one
 * slot: {@code tg:{GAME_SESSION_ID}:game} holds the game session, the hash
 * {@code tg:{GAME_SESSION_ID}:players} its player sessions by id, {@code tg:{GAME_SESSION_ID}:owner}
 * where its players connect, {@code tg:{player:PLAYER_ID}:sessions} a player's sessions; the set
 * {@code tg:{FLEET_ID}:agent:AGENT_ID:games} lists the agent's game sessions. Values are the
 * durable journal's record format ({@link StateCodec}).
 */
public final class FleetMirror implements StateLog, AutoCloseable {

    static final long FLUSH_INTERVAL_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(FleetMirror.class);

    private final FleetConnection redis;
    /** Where this agent's game sessions are listed, for the survivors should it die. */
    private final String ownedGames;
    /** Every game session of the fleet, for describes by FleetId through any agent. */
    private final String gameIndex;
    private final String listing;
    private final long retentionMillis;
    private final ConcurrentLinkedQueue<StoredState> appended = new ConcurrentLinkedQueue<>();
    /** What the last flush could not write, by session id: only ever touched by one flush at a time. */
    private final Map<String, StoredState> unwritten = new LinkedHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile boolean failing;
    private ScheduledFuture<?> flushes;

    /**
     * @param settings the fleet and this agent's (decided) id
     * @param listing where this agent's players connect, as JSON: written beside each game session
     * @param retention how long the agent keeps ended sessions: their copies expire after it too
     */
    public FleetMirror(FleetConnection redis, FleetSettings settings, String listing, Duration retention) {
        this.redis = redis;
        this.ownedGames = new FleetKeys(settings.fleetId()).games(settings.agentId());
        this.gameIndex = new FleetKeys(settings.fleetId()).gameSessions();
        this.retentionMillis = retention.toMillis();
        this.listing = listing;
    }

    /** Flushes every {@link #FLUSH_INTERVAL_MILLIS} on {@code timer}; the writes themselves do not block it. */
    public synchronized void start(ScheduledExecutorService timer) {
        flushes = timer.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Under a store lock: only queues. */
    @Override
    public long append(StoredState state) {
        appended.add(state);
        return 0;
    }

    /** Nothing waits for the fleet's copy: it is for describes, which may lag by a flush. */
    @Override
    public void awaitDurable(long ticket) {
    }

    /**
     * Writes what was appended since the last flush, and what the last one could not write.
     *
     * @return completes once Redis answered (or failed) every write of this flush
     */
    public CompletableFuture<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        Map<String, StoredState> latest = new LinkedHashMap<>(unwritten);
        unwritten.clear();
        for (StoredState state; (state = appended.poll()) != null; ) {
            latest.put(sessionId(state), state);
        }
        if (latest.isEmpty() || !redis.isOpen()) {
            // While Redis is away, only gather (one state per session): writes would fail at once.
            unwritten.putAll(latest);
            flushing.set(false);
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<?>> writes = new ArrayList<>(latest.size());
        // Player sessions first: an ended game's expiry then follows its players' writes on the same
        // connection, and a players hash a write just made still gets it.
        List<StoredState> states = new ArrayList<>(latest.size());
        latest.values().stream().filter(state -> state instanceof StoredState.Player).forEach(states::add);
        latest.values().stream().filter(state -> state instanceof StoredState.Game).forEach(states::add);
        for (StoredState state : states) {
            writes.add(write(state));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            int failed = 0;
            for (int i = 0; i < states.size(); i++) {
                if (writes.get(i).isCompletedExceptionally()) {
                    StoredState state = states.get(i);
                    unwritten.putIfAbsent(sessionId(state), state);
                    failed++;
                }
            }
            report(failed, states.size());
            flushing.set(false);
            return null;
        });
    }

    /** Sessions whose latest change is not in Redis yet; for tests and the log. */
    public int unwrittenCount() {
        return unwritten.size() + appended.size();
    }

    /** Every write one state needs; a failure of any writes the whole state again later (each is repeatable). */
    private CompletableFuture<?> write(StoredState state) {
        byte[] value = StateCodec.encode(state);
        if (state instanceof StoredState.Game game) {
            String id = game.gameSessionId();
            CompletableFuture<?> indexed = redis.commands().zadd(gameIndex, game.creationTime().toEpochMilli(), id)
                    .toCompletableFuture();
            if (game.terminationTime() == null) {
                // Listed with it, so that the owner's survivors can find it.
                return CompletableFuture.allOf(indexed,
                        redis.commands().sadd(ownedGames, id).toCompletableFuture(),
                        redis.commands().set(ownerKey(id), listing).toCompletableFuture(),
                        redis.binary().set(gameKey(id), value).toCompletableFuture());
            }
            // Ended: kept as long as the agent keeps it (retention), then gone from Redis too.
            SetArgs kept = SetArgs.Builder.px(retentionMillis);
            return CompletableFuture.allOf(indexed,
                    redis.commands().srem(ownedGames, id).toCompletableFuture(),
                    redis.commands().set(ownerKey(id), listing, kept).toCompletableFuture(),
                    redis.binary().set(gameKey(id), value, kept).toCompletableFuture(),
                    redis.binary().pexpire(playersKey(id), retentionMillis).toCompletableFuture());
        }
        StoredState.Player player = (StoredState.Player) state;
        String id = player.playerSessionId();
        // Indexed with every write, for as long as retention after it: a flush may carry a later state only.
        return CompletableFuture.allOf(
                redis.binary().hset(playersKey(player.gameSessionId()), id, value).toCompletableFuture(),
                redis.commands().hset(playerKey(player.playerId()), id, player.gameSessionId()).toCompletableFuture(),
                redis.commands().pexpire(playerKey(player.playerId()), retentionMillis).toCompletableFuture(),
                redis.commands().set(playerSessionKey(id), player.gameSessionId(), SetArgs.Builder.px(retentionMillis))
                        .toCompletableFuture());
    }

    private void report(int failed, int total) {
        if (failed > 0 && !failing) {
            failing = true;
            LOG.warn("Fleet: {} of {} session changes could not be written to Redis; they are written when it answers",
                    failed, total);
        } else if (failed == 0 && failing) {
            failing = false;
            LOG.info("Fleet: session changes reach Redis again");
        }
    }

    static String gameKey(String gameSessionId) {
        return "tg:{" + gameSessionId + "}:game";
    }

    /** Where a game session's players connect: its agent's listing. */
    static String ownerKey(String gameSessionId) {
        return "tg:{" + gameSessionId + "}:owner";
    }

    /** Which game session a player session is in, for describes by player session id. */
    static String playerSessionKey(String playerSessionId) {
        return "tg:{" + playerSessionId + "}:game-session";
    }

    /** A player's sessions on every agent: player session id to game session id. */
    static String playerKey(String playerId) {
        return "tg:{player:" + playerId + "}:sessions";
    }

    static String playersKey(String gameSessionId) {
        return "tg:{" + gameSessionId + "}:players";
    }

    private static String sessionId(StoredState state) {
        return state instanceof StoredState.Game game ? game.gameSessionId()
                : ((StoredState.Player) state).playerSessionId();
    }

    /** Stops the flushes after a last one, waited for at most the command timeout. */
    @Override
    public void close() {
        synchronized (this) {
            if (flushes != null) {
                flushes.cancel(false);
            }
        }
        try {
            flush().get(FleetSettings.COMMAND_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Fleet: the last session changes may not have reached Redis: {}", FleetConnection.rootMessage(e));
        }
    }
}
