package io.ticketgate.agent.fleet;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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

/**
 * The agent's one connection to the fleet's Redis. Lettuce multiplexes every command over it,
 * reconnects on its own when Redis comes back, and fails any command not answered within
 * {@link FleetSettings#COMMAND_TIMEOUT}; while it is disconnected, commands fail at once instead
 * of queueing, so nothing waits on an unreachable Redis.
 */
public final class FleetConnection implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    /** Session states as the journal's binary records: another connection, with byte values. */
    private final StatefulRedisConnection<String, byte[]> binary;
    /**
     * Calls to other agents and their answers, on a connection of their own: never queued behind
     * a batch of the mirror's writes, in Lettuce or in Redis.
     */
    private final StatefulRedisConnection<String, String> calls;

    private FleetConnection(ClientResources resources, RedisClient client,
            StatefulRedisConnection<String, String> connection, StatefulRedisConnection<String, byte[]> binary,
            StatefulRedisConnection<String, String> calls) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.binary = binary;
        this.calls = calls;
    }

    /**
     * Connects, within the command timeout.
     *
     * @throws FleetUnreachableException if Redis cannot be reached or refuses the credentials
     */
    public static FleetConnection open(FleetSettings settings) throws FleetUnreachableException {
        // Beside a game server: one I/O thread and one for Lettuce's own callbacks are plenty.
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1)
                .computationThreadPoolSize(1).build();
        RedisClient client = RedisClient.create(resources, settings.redis());
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // Every call passed to another agent is two small pub/sub messages: no Nagle delay.
                .socketOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .timeoutOptions(TimeoutOptions.enabled(FleetSettings.COMMAND_TIMEOUT))
                .build());
        List<StatefulRedisConnection<?, ?>> opened = new ArrayList<>();
        try {
            StatefulRedisConnection<String, String> text = client.connect();
            opened.add(text);
            StatefulRedisConnection<String, byte[]> binary = client.connect(
                    RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            opened.add(binary);
            return new FleetConnection(resources, client, text, binary, client.connect());
        } catch (RedisException e) {
            opened.forEach(StatefulRedisConnection::close);
            client.shutdown();
            resources.shutdown();
            throw new FleetUnreachableException("cannot reach the fleet's Redis at " + settings.redisForLog() + ": "
                    + rootMessage(e), e);
        }
    }

    /** A connection of its own for subscriptions (Lettuce subscribes again after a reconnect). */
    StatefulRedisPubSubConnection<String, String> subscribe() {
        return client.connectPubSub();
    }

    RedisAsyncCommands<String, String> commands() {
        return connection.async();
    }

    RedisAsyncCommands<String, byte[]> binary() {
        return binary.async();
    }

    /** For calls between agents and the look-ups they need: short commands, answered at once. */
    RedisAsyncCommands<String, String> calls() {
        return calls.async();
    }

    /** True while the connections to Redis are up (Lettuce reconnects on its own). */
    public boolean isOpen() {
        return connection.isOpen() && binary.isOpen() && calls.isOpen();
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
        calls.close();
        binary.close();
        connection.close();
        client.shutdown();
        resources.shutdown();
    }
}
