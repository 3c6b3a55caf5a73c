package io.ticketgate.agent.store;

import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.ReservationBatches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Validate-and-promote: {@link SessionStore#connect} of a RESERVED session, which becomes ACTIVE. */
@State(Scope.Thread)
public class ConnectBenchmark extends ReservationBatches {

    private String[] ids;
    private SessionStore store;

    @Setup
    public void setUp() {
        store = BenchmarkStore.create(new FakeTime());
        ids = BenchmarkStore.reserve(store, POOL, () -> { }).stream()
                .map(PlayerSession::playerSessionId).toArray(String[]::new);
    }

    @Benchmark
    public ConnectOutcome connect() {
        ConnectOutcome outcome = store.connect(ids[nextReservation()]);
        if (!outcome.isAccepted()) {
            throw new IllegalStateException("connect refused: " + outcome.code() + " " + outcome.detail());
        }
        return outcome;
    }
}
