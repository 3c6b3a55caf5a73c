package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.SdkAgent.FLEET_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.gamelift.model.DescribeGameSessionsResponse;
import software.amazon.awssdk.services.gamelift.model.DescribePlayerSessionsRequest.Builder;
import software.amazon.awssdk.services.gamelift.model.DescribePlayerSessionsResponse;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;
import software.amazon.awssdk.services.gamelift.paginators.DescribePlayerSessionsIterable;

/**
 * The SDK's paginators walk DescribePlayerSessions in pages of exactly Limit items but the
 * last, each session once and in creation order, even while sessions are added and change status.
 */
@Timeout(60)
class GameLiftSdkPaginationTest {

    private static final int LIMIT = 10;
    private static final List<Integer> PAGES_OF_57 = List.of(10, 10, 10, 10, 10, 7);

    private static SdkAgent sdk;
    private final List<TgtConnection> connections = new ArrayList<>();

    @BeforeAll
    static void startAgent() {
        sdk = SdkAgent.start();
    }

    @AfterAll
    static void stopAgent() {
        sdk.close();
    }

    @AfterEach
    void disconnectPlayers() throws IOException {
        for (TgtConnection connection : connections) {
            connection.close();
        }
    }

    @Test
    void walksAGameSessionOf57InPagesOf10InCreationOrder() {
        GameSession game = sdk.newGameSession(100);
        List<String> created = reserve(game, 57);

        DescribePlayerSessionsIterable paginator = sdk.client.describePlayerSessionsPaginator(request -> request
                .gameSessionId(game.gameSessionId()).limit(LIMIT));

        assertEquals(PAGES_OF_57, pageSizes(paginator));
        assertEquals(created, ids(paginator.playerSessions().stream().toList()));
    }

    @Test
    void walksOnlyTheActiveSessionsWhenFiltered() throws IOException {
        GameSession game = sdk.newGameSession(100);
        List<String> created = reserve(game, 85);
        List<String> active = new ArrayList<>();
        List<String> reserved = new ArrayList<>();
        List<String> completed = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            String id = created.get(i);
            if (i % 3 != 2) {
                active.add(id);
                activate(id);
            } else if (i % 2 == 0) {
                reserved.add(id);
            } else {
                completed.add(id);
                sdk.agent.removePlayerSession(id);
            }
        }
        assertEquals(57, active.size());

        DescribePlayerSessionsIterable paginator = sdk.client.describePlayerSessionsPaginator(request -> request
                .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("ACTIVE").limit(LIMIT));

        assertEquals(PAGES_OF_57, pageSizes(paginator));
        assertEquals(active, ids(paginator.playerSessions().stream().toList()));
        assertEquals(reserved, walk(request -> request.gameSessionId(game.gameSessionId())
                .playerSessionStatusFilter("RESERVED").limit(LIMIT)));
        assertEquals(completed, walk(request -> request.gameSessionId(game.gameSessionId())
                .playerSessionStatusFilter("COMPLETED").limit(LIMIT)));
        assertEquals(created, walk(request -> request.gameSessionId(game.gameSessionId()).limit(LIMIT)));
    }

    @Test
    void aWalkWhileSessionsAreAddedAndChangeStatusReturnsEveryLastingSessionOnce() {
        GameSession game = sdk.newGameSession(200);
        List<String> before = reserve(game, 57);
        Set<String> activeThroughout = new HashSet<>();
        Deque<String> stillReserved = new ArrayDeque<>();
        for (int i = 0; i < before.size(); i++) {
            if (i % 2 == 0) {
                activate(before.get(i));
                activeThroughout.add(before.get(i));
            } else {
                stillReserved.add(before.get(i));
            }
        }

        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<Integer> activeSizes = new ArrayList<>();
        List<String> activeSeen = new ArrayList<>();
        Iterator<DescribePlayerSessionsResponse> all = sdk.client.describePlayerSessionsPaginator(request -> request
                .gameSessionId(game.gameSessionId()).limit(LIMIT)).iterator();
        Iterator<DescribePlayerSessionsResponse> activeOnly = sdk.client.describePlayerSessionsPaginator(request -> request
                .gameSessionId(game.gameSessionId()).playerSessionStatusFilter("ACTIVE").limit(LIMIT)).iterator();
        int round = 0;
        while (all.hasNext() || activeOnly.hasNext()) {
            if (all.hasNext()) {
                List<String> page = ids(all.next().playerSessions());
                sizes.add(page.size());
                seen.addAll(page);
            }
            if (activeOnly.hasNext()) {
                List<String> page = ids(activeOnly.next().playerSessions());
                activeSizes.add(page.size());
                activeSeen.addAll(page);
            }
            // Between pages: new players arrive, and reserved ones connect or are removed on
            // both sides of where the walks stand.
            reserve(game, 3, "late-" + round + "-");
            if (stillReserved.size() >= 4) {
                activate(stillReserved.pollFirst());
                activate(stillReserved.pollLast());
                sdk.agent.removePlayerSession(stillReserved.pollFirst());
                sdk.agent.removePlayerSession(stillReserved.pollLast());
            }
            round++;
            assertTrue(round < 50, "the walks should end");
        }

        List<String> inCreationOrder = storeOrder(game);
        assertFullPagesButTheLast(sizes);
        assertFullPagesButTheLast(activeSizes);
        assertOnceInCreationOrder(seen, inCreationOrder);
        assertOnceInCreationOrder(activeSeen, inCreationOrder);
        assertTrue(seen.containsAll(before), "every session that existed throughout is walked");
        assertTrue(activeSeen.containsAll(activeThroughout), "every session ACTIVE throughout is walked");
    }

    @Test
    void aWalkWhileAnotherThreadChangesTheGameSessionReturnsEveryLastingSessionOnce() throws Exception {
        // GameLift's most: 57 reserved first and 140 added fit even if none ends.
        GameSession game = sdk.newGameSession(200);
        List<String> before = reserve(game, 57);
        for (int i = 0; i < before.size(); i += 3) {
            activate(before.get(i));
        }
        Set<String> touched = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch changing = new CountDownLatch(20);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> changes = executor.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                List<String> everyone = new ArrayList<>(before);
                for (int i = 0; !stop.get(); i++) {
                    // Adds are bounded, so the unfiltered walk can catch up and end.
                    if (i < 140) {
                        everyone.add(sdk.agent.reservePlayerSession(game.gameSessionId(), "concurrent-" + i, null)
                                .playerSessionId());
                    }
                    String victim = everyone.get(random.nextInt(everyone.size()));
                    touched.add(victim);
                    if (random.nextBoolean()) {
                        sdk.connectWithoutSocket(victim);
                    } else {
                        sdk.agent.removePlayerSession(victim);
                    }
                    changing.countDown();
                }
            });
            changing.await();

            List<Integer> sizes = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            sdk.client.describePlayerSessionsPaginator(request -> request
                    .gameSessionId(game.gameSessionId()).limit(LIMIT)).forEach(page -> {
                        sizes.add(page.playerSessions().size());
                        seen.addAll(ids(page.playerSessions()));
                    });
            List<Integer> activeSizes = new ArrayList<>();
            List<String> activeSeen = new ArrayList<>();
            sdk.client.describePlayerSessionsPaginator(request -> request.gameSessionId(game.gameSessionId())
                    .playerSessionStatusFilter("ACTIVE").limit(LIMIT)).forEach(page -> {
                        activeSizes.add(page.playerSessions().size());
                        activeSeen.addAll(ids(page.playerSessions()));
                    });
            stop.set(true);
            changes.get();

            List<String> inCreationOrder = storeOrder(game);
            assertFullPagesButTheLast(sizes);
            assertFullPagesButTheLast(activeSizes);
            assertOnceInCreationOrder(seen, inCreationOrder);
            assertOnceInCreationOrder(activeSeen, inCreationOrder);
            assertTrue(seen.containsAll(before), "every session that existed throughout is walked");
            for (int i = 0; i < before.size(); i += 3) {
                String id = before.get(i);
                assertTrue(touched.contains(id) || activeSeen.contains(id), id + " was ACTIVE throughout");
            }
        } finally {
            stop.set(true);
            executor.shutdownNow();
        }
    }

    @Test
    void aTokenPresentedAgainReturnsTheSamePage() {
        GameSession game = sdk.newGameSession(100);
        List<String> created = reserve(game, 57);
        for (int i = 0; i < created.size(); i += 2) {
            activate(created.get(i));
        }
        for (String filter : new String[] {null, "ACTIVE"}) {
            Consumer<Builder> query = request -> request.gameSessionId(game.gameSessionId())
                    .playerSessionStatusFilter(filter).limit(LIMIT);
            String first = sdk.client.describePlayerSessions(query).nextToken();
            assertNotNull(first);

            DescribePlayerSessionsResponse second = sdk.client.describePlayerSessions(query.andThen(
                    request -> request.nextToken(first)));
            DescribePlayerSessionsResponse again = sdk.client.describePlayerSessions(query.andThen(
                    request -> request.nextToken(first)));
            reserve(game, 3, "after-" + filter + "-");
            DescribePlayerSessionsResponse afterAdding = sdk.client.describePlayerSessions(query.andThen(
                    request -> request.nextToken(first)));

            assertEquals(LIMIT, second.playerSessions().size());
            assertEquals(second.playerSessions(), again.playerSessions());
            assertEquals(second.nextToken(), again.nextToken());
            assertEquals(second.playerSessions(), afterAdding.playerSessions());
            assertEquals(second.nextToken(), afterAdding.nextToken());
        }
    }

    @Test
    void aLastPageThatIsExactlyFullHasNoNextToken() {
        GameSession game = sdk.newGameSession(100);
        List<String> created = reserve(game, 20);

        DescribePlayerSessionsIterable paginator = sdk.client.describePlayerSessionsPaginator(request -> request
                .gameSessionId(game.gameSessionId()).limit(LIMIT));

        assertEquals(List.of(10, 10), pageSizes(paginator));
        assertNull(paginator.stream().reduce((first, second) -> second).orElseThrow().nextToken());
        assertEquals(created, ids(paginator.playerSessions().stream().toList()));
    }

    @Test
    void walksByPlayerIdAcrossGameSessions() {
        String playerId = "walker-" + System.nanoTime();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            GameSession game = sdk.newGameSession(1);
            created.add(sdk.client.createPlayerSession(request -> request
                    .gameSessionId(game.gameSessionId()).playerId(playerId)).playerSession().playerSessionId());
        }

        DescribePlayerSessionsIterable paginator = sdk.client.describePlayerSessionsPaginator(request -> request
                .playerId(playerId).limit(LIMIT));

        assertEquals(List.of(10, 10, 3), pageSizes(paginator));
        assertEquals(created, ids(paginator.playerSessions().stream().toList()));
    }

    @Test
    void walksTheFleetsGameSessionsOnceEach() {
        List<String> created = IntStream.range(0, 7).mapToObj(i -> sdk.newGameSession(1).gameSessionId()).toList();

        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DescribeGameSessionsResponse page : sdk.client.describeGameSessionsPaginator(request -> request
                .fleetId(FLEET_ID).limit(3))) {
            sizes.add(page.gameSessions().size());
            page.gameSessions().forEach(game -> seen.add(game.gameSessionId()));
        }

        assertFullPagesButTheLast(sizes, 3);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no game session twice");
        assertTrue(seen.containsAll(created));
        int firstIndex = seen.indexOf(created.get(0));
        assertEquals(created, seen.subList(firstIndex, firstIndex + created.size()));
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> reserve(GameSession game, int count) {
        return reserve(game, count, "player-");
    }

    /** Reserves {@code count} player sessions in batches of at most 25; returns their ids in creation order. */
    private static List<String> reserve(GameSession game, int count, String playerIdPrefix) {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < count; from += 25) {
            List<String> players = IntStream.range(from, Math.min(count, from + 25))
                    .mapToObj(i -> playerIdPrefix + i).toList();
            ids.addAll(ids(sdk.client.createPlayerSessions(request -> request
                    .gameSessionId(game.gameSessionId()).playerIds(players)).playerSessions()));
        }
        return ids;
    }

    /** Makes a RESERVED session ACTIVE: the first few with a real player connection, the rest in the store. */
    private void activate(String playerSessionId) {
        if (connections.size() < 5) {
            try {
                TgtConnection connection = TgtClient.connect("127.0.0.1", sdk.agent.playerPort(), playerSessionId);
                connections.add(connection);
                assertTrue(connection.accepted(), connection.toString());
            } catch (IOException e) {
                fail("cannot connect player session " + playerSessionId, e);
            }
        } else {
            assertTrue(sdk.connectWithoutSocket(playerSessionId), playerSessionId);
        }
    }

    private static List<String> walk(Consumer<Builder> query) {
        return ids(sdk.client.describePlayerSessionsPaginator(query).playerSessions().stream().toList());
    }

    private static List<Integer> pageSizes(DescribePlayerSessionsIterable paginator) {
        return paginator.stream().map(page -> page.playerSessions().size()).toList();
    }

    private static List<String> ids(List<PlayerSession> sessions) {
        return sessions.stream().map(PlayerSession::playerSessionId).toList();
    }

    /** Every player session of the game session in creation order, straight from the agent. */
    private static List<String> storeOrder(GameSession game) {
        return sdk.agent.describePlayerSessions(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                        .withLimit(Integer.MAX_VALUE)).items().stream()
                .map(io.ticketgate.agent.PlayerSession::playerSessionId).toList();
    }

    private static void assertFullPagesButTheLast(List<Integer> sizes) {
        assertFullPagesButTheLast(sizes, LIMIT);
    }

    private static void assertFullPagesButTheLast(List<Integer> sizes, int limit) {
        assertFalse(sizes.isEmpty());
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertEquals(limit, sizes.get(i), "page " + (i + 1) + " of " + sizes);
        }
        int last = sizes.get(sizes.size() - 1);
        assertTrue(last >= (sizes.size() == 1 ? 0 : 1) && last <= limit, "last page of " + sizes);
    }

    private static void assertOnceInCreationOrder(List<String> seen, List<String> inCreationOrder) {
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no session twice");
        List<String> expected = inCreationOrder.stream().filter(new HashSet<>(seen)::contains).toList();
        assertEquals(expected, seen, "sessions in creation order");
    }
}
