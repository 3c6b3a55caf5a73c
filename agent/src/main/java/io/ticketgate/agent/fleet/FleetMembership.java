package io.ticketgate.agent.fleet;

import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's place in its fleet: its agent id, claimed in Redis for as long as it lives. The
 * claim holds a random token of this process and expires after the heartbeat timeout unless the
 * heartbeat renews it, so a killed agent's id frees itself and a second live agent with the same
 * id is refused. The agent's address and capacity are listed for the others to place on it.
 */
public final class FleetMembership implements AutoCloseable {

    /** What the fleet knows of this agent now. */
    public enum Status {
        /** The claim is held and renewed. */
        MEMBER,
        /** Redis did not answer the last heartbeat; the claim may lapse. */
        UNREACHABLE,
        /** Another agent claimed this id while this one could not renew it. */
        ID_TAKEN
    }

    private static final Logger LOG = LoggerFactory.getLogger(FleetMembership.class);
    private static final String RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    /** Takes the id if it is free or already this instance's (a restart with the same data dir), and lists it. */
    private static final String CLAIM = "local held = redis.call('GET', KEYS[1])"
            + " if held and held ~= ARGV[1] then return 0 end"
            + " redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])"
            + " redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) return 1";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " redis.call('HDEL', KEYS[2], ARGV[2]) return redis.call('DEL', KEYS[1]) end return 0";

    private final FleetConnection redis;
    private final FleetSettings settings;
    private final FleetKeys keys;
    private final String token;
    private final String listing;
    private volatile Status status = Status.MEMBER;
    private volatile Runnable onRejoin = () -> { };
    private ScheduledFuture<?> heartbeats;

    private FleetMembership(FleetConnection redis, FleetSettings settings, String token, String listing) {
        this.redis = redis;
        this.settings = settings;
        this.keys = new FleetKeys(settings.fleetId());
        this.token = token;
        this.listing = listing;
    }

    /**
     * Claims the agent id and lists the agent.
     *
     * @param listing what other agents need of this one (its address, port, capacity), as JSON
     * @throws AgentIdTakenException if a live agent holds the id
     * @throws FleetUnreachableException if Redis does not answer in time
     */
    public static FleetMembership join(FleetConnection redis, FleetSettings settings, String listing)
            throws AgentIdTakenException, FleetUnreachableException {
        return join(redis, settings, listing, FleetInstance.fresh());
    }

    /**
     * Claims the agent id with {@code token}: one a restarted agent kept in its data dir takes
     * its own claim back at once.
     *
     * @throws AgentIdTakenException if a live agent with another token holds the id
     * @throws FleetUnreachableException if Redis does not answer in time
     */
    public static FleetMembership join(FleetConnection redis, FleetSettings settings, String listing, String token)
            throws AgentIdTakenException, FleetUnreachableException {
        FleetMembership membership = new FleetMembership(redis, settings, token, listing);
        if (!FleetConnection.await(membership.claim(), "claim the agent id")) {
            throw new AgentIdTakenException("agent id " + settings.agentId() + " is already live in "
                    + settings.fleetId() + " (a second agent with the same --agent-id; give each its own)");
        }
        return membership;
    }

    /** Renews the claim every third of the heartbeat timeout on {@code timer}, until closed. */
    public synchronized void startHeartbeats(ScheduledExecutorService timer) {
        long interval = settings.heartbeatInterval().toMillis();
        heartbeats = timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
    }

    public Status status() {
        return status;
    }

    public String agentId() {
        return settings.agentId();
    }

    public String fleetId() {
        return settings.fleetId();
    }

    /**
     * Renews the claim once; never throws. A claim that lapsed (Redis restarted, or this agent
     * was silent too long) is taken again if no other agent took the id meanwhile.
     */
    public CompletionStage<Status> heartbeat() {
        String timeout = Long.toString(settings.heartbeatTimeout().toMillis());
        CompletableFuture<Status> next = redis.commands()
                .<Long>eval(RENEW, ScriptOutputType.INTEGER, new String[] {keys.agent(settings.agentId())}, token,
                        timeout)
                .toCompletableFuture()
                .thenCompose(renewed -> renewed == 1L ? CompletableFuture.completedFuture(Status.MEMBER)
                        : claim().thenApply(claimed -> claimed ? rejoined() : Status.ID_TAKEN))
                .exceptionally(failure -> Status.UNREACHABLE);
        return next.thenApply(this::become);
    }

    /**
     * Runs {@code action} each time the claim had lapsed and was taken again: Redis may have lost
     * what it held (a restart without persistence), so the agent copies its sessions again.
     */
    public void onRejoin(Runnable action) {
        this.onRejoin = action;
    }

    private Status rejoined() {
        onRejoin.run();
        return Status.MEMBER;
    }

    private Status become(Status now) {
        Status before = status;
        status = now;
        if (now != before) {
            switch (now) {
                case MEMBER -> LOG.info("Fleet {}: agent {} is a member again", settings.fleetId(), settings.agentId());
                case UNREACHABLE -> LOG.warn("Fleet {}: Redis at {} does not answer; players connected here play on",
                        settings.fleetId(), settings.redisForLog());
                case ID_TAKEN -> LOG.error("Fleet {}: another agent took agent id {} while this one was cut off",
                        settings.fleetId(), settings.agentId());
            }
        }
        return now;
    }

    /** Sets the claim if free or this instance's (true), and lists the agent; false if another agent holds it. */
    private CompletableFuture<Boolean> claim() {
        return redis.commands().<Long>eval(CLAIM, ScriptOutputType.INTEGER,
                new String[] {keys.agent(settings.agentId()), keys.agents()}, token,
                Long.toString(settings.heartbeatTimeout().toMillis()), settings.agentId(), listing)
                .toCompletableFuture().thenApply(claimed -> claimed == 1L);
    }

    /** Stops the heartbeat and frees the id at once (if still this agent's), so a restart need not wait. */
    @Override
    public void close() {
        synchronized (this) {
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
        }
        try {
            FleetConnection.await(redis.commands().<Long>eval(RELEASE, ScriptOutputType.INTEGER,
                    new String[] {keys.agent(settings.agentId()), keys.agents()}, token, settings.agentId()),
                    "release the agent id");
        } catch (FleetUnreachableException e) {
            LOG.warn("Fleet {}: could not release agent id {} ({}); it frees itself within {}s", settings.fleetId(),
                    settings.agentId(), e.getMessage(), settings.heartbeatTimeout().toSeconds());
        }
    }
}
