package io.ticketgate.agent.store;

import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.RepeatedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CreatePlayerSession(s) in the store: one reservation, and a batch of 25 (GameLift's most). A
 * game session takes {@link BenchmarkStore#SLOTS_PER_GAME}; when it is full the benchmark ends it
 * and creates the next, so each call also carries 1/200 of a game session's creation and end (its
 * players' ends included), and memory stays within the default retention bounds.
 */
@State(Scope.Thread)
public class ReserveBenchmark extends RepeatedCalls {

    private static final int BATCH = 25;

    private final FakeTime time = new FakeTime();
    private SessionStore store;
    private String[] playerIds;
    private List<List<String>> batches;
    private String game;
    private int held;
    private int next;
    private int nextBatch;

    @Setup
    public void setUp() {
        store = BenchmarkStore.create(time);
        playerIds = new String[10_000];
        for (int i = 0; i < playerIds.length; i++) {
            playerIds[i] = "player-" + i;
        }
        batches = new ArrayList<>();
        for (int i = 0; i + BATCH <= playerIds.length; i += BATCH) {
            batches.add(List.of(playerIds).subList(i, i + BATCH));
        }
        game = BenchmarkStore.newGameSession(store, BenchmarkStore.SLOTS_PER_GAME);
    }

    @Benchmark
    public PlayerSession reservePlayerSession() {
        makeRoom(1);
        next = (next + 1) % playerIds.length;
        return store.reservePlayerSession(game, playerIds[next], null);
    }

    @Benchmark
    public List<PlayerSession> reservePlayerSessions25() {
        makeRoom(BATCH);
        nextBatch = (nextBatch + 1) % batches.size();
        return store.reservePlayerSessions(game, batches.get(nextBatch), Map.of());
    }

    private void makeRoom(int slots) {
        if (held + slots > BenchmarkStore.SLOTS_PER_GAME) {
            store.endGameSession(game);
            game = BenchmarkStore.newGameSession(store, BenchmarkStore.SLOTS_PER_GAME);
            held = 0;
        }
        held += slots;
    }
}
