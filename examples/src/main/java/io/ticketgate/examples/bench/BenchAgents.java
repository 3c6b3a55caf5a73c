package io.ticketgate.examples.bench;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.TicketgateAgent;

/** The agents the benchmarks start: embedded, on loopback and free ports, every other setting at its default. */
final class BenchAgents {

    private BenchAgents() {
    }

    /**
     * A builder with the player port and the control API on free loopback ports, and no bound on
     * the control API's request rate: the benchmarks measure the store, not the limiter.
     */
    static TicketgateAgent.Builder builder() {
        ControlLimits limits = ControlLimits.defaults();
        return TicketgateAgent.builder()
                .playerPort(0)
                .playerBindAddress("127.0.0.1")
                .controlPort(0)
                .controlLimits(new ControlLimits(limits.headerTimeout(), limits.bodyTimeout(), limits.idleTimeout(),
                        limits.maxConnections(), limits.maxBodyBytes(), 0))
                .listener((session, connection) -> Admission.accepted());
    }
}
