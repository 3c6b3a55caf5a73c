package io.ticketgate.agent.store;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.RepeatedCalls;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One DescribePlayerSessions page (Limit 10) with 100 and with 100,000 RESERVED sessions in the
 * store, in full game sessions of 200: by game session (the first page, and the next one through
 * its NextToken) and by player id. The target: the same cost at both sizes.
 *
 * <p>The heap is fixed and touched up front. Without that, filling the store with 100,000
 * sessions made the JVM grow its heap to 2.4 GB, and the first pass through the new eden
 * page-faulted on every fresh page: a third of the measured time, for seconds, at 100,000
 * sessions only (an async-profiler profile, BENCHMARKS.md). A sidecar never sees this: its
 * launcher caps the young generation at 16 MiB.
 */
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class DescribeBenchmark extends RepeatedCalls {

    private static final int LIMIT = 10;

    @Param({"100", "100000"})
    public int sessions;

    private SessionStore store;
    private DescribePlayerSessionsRequest byGameSession;
    private DescribePlayerSessionsRequest byGameSessionNextPage;
    private DescribePlayerSessionsRequest byPlayerId;

    @Setup
    public void setUp() {
        store = BenchmarkStore.create(new FakeTime());
        List<PlayerSession> reserved = BenchmarkStore.reserve(store, sessions, () -> { });
        PlayerSession middle = reserved.get(reserved.size() / 2);
        byGameSession = DescribePlayerSessionsRequest.byGameSession(middle.gameSessionId()).withLimit(LIMIT);
        String token = store.describePlayerSessions(byGameSession).nextToken().orElseThrow();
        byGameSessionNextPage = byGameSession.withNextToken(token);
        byPlayerId = DescribePlayerSessionsRequest.byPlayer(middle.playerId()).withLimit(LIMIT);
        if (store.describePlayerSessions(byPlayerId).items().size() != 1
                || store.describePlayerSessions(byGameSessionNextPage).items().size() != LIMIT) {
            throw new IllegalStateException("the store's pages are not what the benchmark expects");
        }
    }

    @Benchmark
    public Page<PlayerSession> byGameSession() {
        return store.describePlayerSessions(byGameSession);
    }

    @Benchmark
    public Page<PlayerSession> byGameSessionNextPage() {
        return store.describePlayerSessions(byGameSessionNextPage);
    }

    @Benchmark
    public Page<PlayerSession> byPlayerId() {
        return store.describePlayerSessions(byPlayerId);
    }
}
