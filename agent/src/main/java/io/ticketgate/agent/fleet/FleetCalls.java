package io.ticketgate.agent.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.control.FleetUnavailableException;
import io.ticketgate.agent.control.PeerOperations;
import io.ticketgate.agent.control.PeerRefusal;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operations passed between the agents of a fleet over Redis pub/sub: an agent asked about a
 * game session another agent holds publishes the call on that agent's channel and waits, at
 * most the command timeout, for the answer on its own. The holder runs it on its store
 * ({@link PeerOperations}), so a game session's capacity and policies are decided in one place,
 * exactly, however many agents the calls come through.
 */
final class FleetCalls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Calls from other agents run on a few threads of their own, with a short queue. */
    private static final int SERVING_THREADS = 4;
    private static final int SERVING_QUEUE = 256;

    private final FleetConnection redis;
    private final FleetKeys keys;
    private final String agentId;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor serving = new ThreadPoolExecutor(SERVING_THREADS, SERVING_THREADS, 0,
            TimeUnit.SECONDS, new ArrayBlockingQueue<>(SERVING_QUEUE),
            new DefaultThreadFactory("ticketgate-fleet-calls", true));
    private volatile PeerOperations operations;

    private FleetCalls(FleetConnection redis, FleetKeys keys, String agentId,
            StatefulRedisPubSubConnection<String, String> subscriptions) {
        this.redis = redis;
        this.keys = keys;
        this.agentId = agentId;
        this.subscriptions = subscriptions;
    }

    /**
     * Listens for the answers to this agent's calls; {@link #serve} starts taking calls.
     *
     * @throws FleetUnreachableException if Redis does not take the subscription in time
     */
    static FleetCalls open(FleetConnection redis, FleetSettings settings) throws FleetUnreachableException {
        FleetKeys keys = new FleetKeys(settings.fleetId());
        FleetCalls calls = new FleetCalls(redis, keys, settings.agentId(), redis.subscribe());
        calls.subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                calls.received(channel, message);
            }
        });
        try {
            FleetConnection.await(calls.subscriptions.async().subscribe(keys.replies(settings.agentId())),
                    "subscribe to this agent's answers");
        } catch (FleetUnreachableException e) {
            calls.close();
            throw e;
        }
        return calls;
    }

    /** Starts running the other agents' calls on {@code operations}. */
    void serve(PeerOperations operations) throws FleetUnreachableException {
        this.operations = operations;
        FleetConnection.await(subscriptions.async().subscribe(keys.calls(agentId)), "subscribe to this agent's calls");
    }

    /**
     * Runs an operation at another agent.
     *
     * @return its answer, as AWS JSON 1.1 writes it
     * @throws PeerRefusal as that agent refused it
     * @throws FleetUnavailableException if Redis or that agent did not answer in time
     */
    JsonNode call(String target, String operation, JsonNode input) {
        String id = FleetInstance.randomHex(12);
        ObjectNode message = JSON.createObjectNode().put("Id", id).put("From", agentId).put("Operation", operation);
        message.set("Input", input);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        try {
            long listeners = FleetConnection.await(redis.calls().publish(keys.calls(target), message.toString()),
                    "pass " + operation + " to agent " + target);
            if (listeners == 0 && redis.countsSubscribers()) {
                throw new FleetUnavailableException("agent " + target + ", which holds the game session, does not"
                        + " take calls now; try again", null);
            }
            return answer.get(FleetSettings.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (FleetUnreachableException e) {
            throw new FleetUnavailableException(e.getMessage() + "; try again", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new FleetUnavailableException("agent " + target + " failed " + operation, e);
        } catch (TimeoutException e) {
            throw new FleetUnavailableException("agent " + target + ", which holds the game session, did not answer "
                    + operation + " within " + FleetSettings.COMMAND_TIMEOUT.toSeconds() + " s; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetUnavailableException("interrupted while waiting for agent " + target, e);
        } finally {
            waiting.remove(id);
        }
    }

    /** On Lettuce's I/O thread: an answer completes its call; a call is handed to the serving threads. */
    private void received(String channel, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            LOG.warn("Fleet: ignored a message on {} that is not JSON", channel);
            return;
        }
        if (channel.equals(keys.calls(agentId))) {
            try {
                serving.execute(() -> answer(message));
            } catch (RejectedExecutionException e) {
                reply(message, refusal("ThrottlingException", "agent " + agentId + " has too many calls waiting"));
            }
            return;
        }
        CompletableFuture<JsonNode> call = waiting.get(message.path("Id").asText());
        if (call == null) {
            return;
        }
        if (message.has("Error")) {
            String type = message.path("Error").asText();
            String detail = message.path("Message").asText();
            call.completeExceptionally(type.equals("InternalServiceException")
                    ? new FleetUnavailableException(detail, null) : new PeerRefusal(type, detail));
        } else {
            call.complete(message.path("Output"));
        }
    }

    private void answer(JsonNode call) {
        ObjectNode answer;
        try {
            answer = JSON.createObjectNode();
            answer.set("Output", operations.run(call.path("Operation").asText(), call.path("Input")));
        } catch (TicketgateException e) {
            answer = refusal(e.errorType(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Fleet: {} asked by agent {} failed", call.path("Operation").asText(), call.path("From").asText(),
                    e);
            answer = refusal("InternalServiceException", "agent " + agentId + " failed the operation");
        }
        reply(call, answer);
    }

    private static ObjectNode refusal(String type, String message) {
        return JSON.createObjectNode().put("Error", type).put("Message", message);
    }

    private void reply(JsonNode call, ObjectNode answer) {
        answer.put("Id", call.path("Id").asText());
        redis.calls().publish(keys.replies(call.path("From").asText()), answer.toString());
    }

    @Override
    public void close() {
        serving.shutdownNow();
        subscriptions.close();
    }
}
