package io.ticketgate.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.control.ControlRequestObserver;
import io.ticketgate.agent.durable.DurableStateLog;
import io.ticketgate.agent.player.HandshakeObserver;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.protocol.ResultCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The agent's one metrics registry, rendered by {@code GET /metrics} in the Prometheus text
 * format. Meter names are dotted lowercase under {@code ticketgate.}; Micrometer turns them into
 * Prometheus names ({@code ticketgate_handshakes_total}).
 */
public final class AgentMetrics implements HandshakeObserver, ControlRequestObserver {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<ResultCode, Counter> handshakes = new EnumMap<>(ResultCode.class);
    private final Timer acceptedLatency;
    private final Timer refusedLatency;

    public AgentMetrics(SessionStore store, IntSupplier openPlayerConnections) {
        for (PlayerSessionStatus status : PlayerSessionStatus.values()) {
            Gauge.builder("ticketgate.player.sessions", store, s -> s.playerSessionCount(status))
                    .description("Player sessions the agent holds, by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        for (GameSessionStatus status : GameSessionStatus.values()) {
            Gauge.builder("ticketgate.game.sessions", store, s -> s.gameSessionCount(status))
                    .description("Game sessions the agent holds, by status")
                    .tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("ticketgate.player.connections", openPlayerConnections, IntSupplier::getAsInt)
                .description("Open player connections, handshaking ones included")
                // A gauge holds its object weakly, and nothing else holds this lambda.
                .strongReference(true)
                .register(registry);
        for (ResultCode code : ResultCode.values()) {
            handshakes.put(code, Counter.builder("ticketgate.handshakes")
                    .description("Player handshakes answered, by result code")
                    .tag("result", code.name())
                    .register(registry));
        }
        acceptedLatency = latencyTimer("accepted");
        refusedLatency = latencyTimer("refused");
    }

    private Timer latencyTimer(String outcome) {
        return Timer.builder("ticketgate.handshake.latency")
                .description("Time from a player connection opening to its RESULT")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1).dividedBy(100))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public void handshake(ResultCode code, long latencyNanos) {
        handshakes.get(code).increment();
        (code == ResultCode.ACCEPTED ? acceptedLatency : refusedLatency).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void request(String operation, String errorType) {
        Counter.builder("ticketgate.control.requests")
                .description("Control API requests, by operation and error type")
                .tag("operation", operation)
                .tag("error", errorType == null ? "none" : errorType)
                .register(registry)
                .increment();
    }

    @Override
    public void refused(String limit) {
        Counter.builder("ticketgate.control.refused")
                .description("Control port requests and connections refused by a limit, by limit")
                .tag("limit", limit)
                .register(registry)
                .increment();
    }

    /** Registers the gauge of open control connections, which the connection cap bounds. */
    public void controlConnections(IntSupplier openControlConnections) {
        Gauge.builder("ticketgate.control.connections", openControlConnections, IntSupplier::getAsInt)
                .description("Open control port connections, event streams included")
                .strongReference(true)
                .register(registry);
    }

    /** Adds the data dir's meters: its size, its writes, its compactions, and whether writing failed. */
    /** In a fleet: 1 while Redis answers this agent's heartbeats and it holds its agent id, else 0. */
    public void fleet(BooleanSupplier member) {
        Gauge.builder("ticketgate.fleet.reachable", member, m -> m.getAsBoolean() ? 1 : 0)
                .description("1 while the fleet's Redis answers this agent and it holds its agent id, else 0")
                .strongReference(true)
                .register(registry);
    }

    public void dataDirectory(DurableStateLog log) {
        Gauge.builder("ticketgate.data.bytes", log, DurableStateLog::bytes)
                .description("Bytes of the data dir's current snapshot and journal")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("ticketgate.data.batches", log, DurableStateLog::batches)
                .description("Batches written to the journal, each one write and one fsync, since start")
                .register(registry);
        FunctionCounter.builder("ticketgate.data.compactions", log, DurableStateLog::compactions)
                .description("Compactions of the data dir since start")
                .register(registry);
        Gauge.builder("ticketgate.data.failed", log, l -> l.failed() ? 1 : 0)
                .description("1 once a journal write failed: calls that change sessions then fail; restart the agent")
                .register(registry);
    }

    /** Adds the gauge of player connections that have not finished their CONNECT. */
    public void pendingHandshakes(IntSupplier pending) {
        Gauge.builder("ticketgate.player.pending.handshakes", pending, IntSupplier::getAsInt)
                .description("Player connections that have not yet finished their CONNECT")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void refusedAtLimit(String limit) {
        Counter.builder("ticketgate.player.refused")
                .description("Player connections answered BUSY at once, over a limit, by limit")
                .tag("limit", limit)
                .register(registry)
                .increment();
    }

    /** Returns the registry, to add meters of the host application. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Renders every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }
}
