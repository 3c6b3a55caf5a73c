package io.ticketgate.agent.fleet;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The agent's one connection to the fleet's Redis. Lettuce multiplexes every command over it,
 * reconnects on its own when Redis comes back, and fails any command not answered within
 * {@link FleetSettings#COMMAND_TIMEOUT}; while it is disconnected, commands fail at once instead
 * of queueing, so nothing waits on an unreachable Redis.
 */
public final class FleetConnection implements AutoCloseable {

    /** One connection and its asynchronous commands; the cluster client's commands share the interface. */
    private record Line<V>(StatefulConnection<String, V> connection, RedisClusterAsyncCommands<String, V> async) {
    }

    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final Supplier<StatefulRedisPubSubConnection<String, String>> subscriptions;
    private final Line<String> connection;
    /** Session states as the journal's binary records: another connection, with byte values. */
    private final Line<byte[]> binary;
    /**
     * Calls to other agents and their answers, on a connection of their own: never queued behind
     * a batch of the mirror's writes, in Lettuce or in Redis.
     */
    private final Line<String> calls;

    private FleetConnection(ClientResources resources, AbstractRedisClient client,
            Supplier<StatefulRedisPubSubConnection<String, String>> subscriptions, Line<String> connection,
            Line<byte[]> binary, Line<String> calls) {
        this.resources = resources;
        this.client = client;
        this.subscriptions = subscriptions;
        this.connection = connection;
        this.binary = binary;
        this.calls = calls;
    }

    /**
     * Connects, within the command timeout: to one Redis (through Sentinel if the URI says so),
     * or to a Redis Cluster.
     *
     * @throws FleetUnreachableException if Redis cannot be reached or refuses the credentials
     */
    public static FleetConnection open(FleetSettings settings) throws FleetUnreachableException {
        // Beside a game server: one I/O thread and one for Lettuce's own callbacks are plenty.
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1)
                .computationThreadPoolSize(1).build();
        // Every call passed to another agent is two small pub/sub messages: no Nagle delay.
        SocketOptions socket = SocketOptions.builder().tcpNoDelay(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(FleetSettings.COMMAND_TIMEOUT);
        RedisCodec<String, byte[]> bytes = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        AbstractRedisClient client = null;
        List<StatefulConnection<?, ?>> opened = new ArrayList<>();
        try {
            if (settings.cluster()) {
                RedisClusterClient cluster = RedisClusterClient.create(resources, settings.clusterSeeds());
                client = cluster;
                // A cluster connection opens each node's connection at its first command, so it cannot
                // reject commands while disconnected: they wait, at most the command timeout.
                cluster.setOptions(ClusterClientOptions.builder()
                        .socketOptions(socket).timeoutOptions(timeouts)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enableAllAdaptiveRefreshTriggers().build())
                        .build());
                StatefulRedisClusterConnection<String, String> text = opened(opened, cluster.connect());
                StatefulRedisClusterConnection<String, byte[]> binary = opened(opened, cluster.connect(bytes));
                StatefulRedisClusterConnection<String, String> calls = opened(opened, cluster.connect());
                return new FleetConnection(resources, cluster, cluster::connectPubSub,
                        new Line<>(text, text.async()), new Line<>(binary, binary.async()),
                        new Line<>(calls, calls.async()));
            }
            RedisClient single = RedisClient.create(resources, settings.redis());
            client = single;
            single.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(socket).timeoutOptions(timeouts).build());
            StatefulRedisConnection<String, String> text = opened(opened, single.connect());
            StatefulRedisConnection<String, byte[]> binary = opened(opened, single.connect(bytes));
            StatefulRedisConnection<String, String> calls = opened(opened, single.connect());
            return new FleetConnection(resources, single, single::connectPubSub, new Line<>(text, text.async()),
                    new Line<>(binary, binary.async()), new Line<>(calls, calls.async()));
        } catch (RedisException e) {
            opened.forEach(StatefulConnection::close);
            if (client != null) {
                client.shutdown();
            }
            resources.shutdown();
            throw new FleetUnreachableException("cannot reach the fleet's Redis at " + settings.redisForLog() + ": "
                    + rootMessage(e), e);
        }
    }

    private static <C extends StatefulConnection<?, ?>> C opened(List<StatefulConnection<?, ?>> opened, C connection) {
        opened.add(connection);
        return connection;
    }

    /**
     * True if PUBLISH answers how many subscribers got the message: on one Redis; on a cluster it
     * counts only the node's own, and the message reaches the others' too.
     */
    boolean countsSubscribers() {
        return client instanceof RedisClient;
    }

    /** A connection of its own for subscriptions (Lettuce subscribes again after a reconnect). */
    StatefulRedisPubSubConnection<String, String> subscribe() {
        return subscriptions.get();
    }

    RedisClusterAsyncCommands<String, String> commands() {
        return connection.async();
    }

    RedisClusterAsyncCommands<String, byte[]> binary() {
        return binary.async();
    }

    /** For calls between agents and the look-ups they need: short commands, answered at once. */
    RedisClusterAsyncCommands<String, String> calls() {
        return calls.async();
    }

    /** True while the connections to Redis are up (Lettuce reconnects on its own). */
    public boolean isOpen() {
        return connection.connection().isOpen() && binary.connection().isOpen() && calls.connection().isOpen();
    }

    /**
     * Waits for a command's answer, at most the command timeout (and a little: Lettuce's own
     * timeout fires first).
     */
    static <T> T await(CompletionStage<T> command, String what) throws FleetUnreachableException {
        try {
            return command.toCompletableFuture().get(FleetSettings.COMMAND_TIMEOUT.toMillis() + 500,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new FleetUnreachableException("the fleet's Redis failed to " + what + ": " + rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new FleetUnreachableException("the fleet's Redis did not answer " + what + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetUnreachableException("interrupted while asking the fleet's Redis to " + what, e);
        }
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        calls.connection().close();
        binary.connection().close();
        connection.connection().close();
        client.shutdown();
        resources.shutdown();
    }
}
