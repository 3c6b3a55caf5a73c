package io.ticketgate.agent.control;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The plain GET endpoints beside the operations: liveness, readiness and metrics. */
public final class ControlEndpoints {

    /** What a GET endpoint answers. */
    record Reply(HttpResponseStatus status, String contentType, String body) {
    }

    private static final String TEXT = "text/plain; charset=utf-8";
    /** The Prometheus text exposition format's content type. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final BooleanSupplier ready;
    private final Supplier<String> metrics;

    /**
     * @param ready true while the agent serves players (not starting, not draining)
     * @param metrics renders every meter in the Prometheus text format
     */
    public ControlEndpoints(BooleanSupplier ready, Supplier<String> metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    Reply get(String path) {
        return switch (path) {
            case "/healthz" -> new Reply(HttpResponseStatus.OK, TEXT, "ok\n");
            case "/readyz" -> ready.getAsBoolean()
                    ? new Reply(HttpResponseStatus.OK, TEXT, "ready\n")
                    : new Reply(HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "not ready\n");
            case "/metrics" -> new Reply(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.get());
            default -> null;
        };
    }
}
