package io.ticketgate.agent.store;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.RepeatedCalls;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One DescribePlayerSessions page (Limit 10) with 100 and with 100,000 RESERVED sessions in the
 * store, in full game sessions of 200: by game session (the first page, and the next one through
 * its NextToken) and by player id. The target: the same cost at both sizes.
 */
@State(Scope.Thread)
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
