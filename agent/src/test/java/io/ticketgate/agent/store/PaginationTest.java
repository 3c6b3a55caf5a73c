package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.DescribeGameSessionsRequest;
import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PaginationTest {

    private final StoreFixture fixture = new StoreFixture();
    private final SessionStore store = fixture.store;
    private final GameSession game = fixture.createGameSession(100);
    private int playerNumbers;

    @Test
    void pagesHoldExactlyTheLimitAndTheLastHasNoToken() {
        List<String> created = reserve(game, 57);

        List<Page<PlayerSession>> pages = walk(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(10));

        assertEquals(List.of(10, 10, 10, 10, 10, 7), pages.stream().map(page -> page.items().size()).toList());
        for (int i = 0; i < 5; i++) {
            assertTrue(pages.get(i).nextToken().isPresent(), "page " + i + " should have a token");
        }
        assertTrue(pages.get(5).nextToken().isEmpty());
        assertEquals(created, ids(pages));
    }

    @Test
    void exactMultipleEndsWithoutAnEmptyPage() {
        List<String> created = reserve(game, 20);

        List<Page<PlayerSession>> pages = walk(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(10));

        assertEquals(List.of(10, 10), pages.stream().map(page -> page.items().size()).toList());
        assertEquals(created, ids(pages));
    }

    @Test
    void defaultLimitAppliesWithoutOne() {
        reserve(game, 57);

        Page<PlayerSession> first = store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(game.gameSessionId()));

        assertEquals(50, first.items().size());
        assertTrue(first.nextToken().isPresent());
    }

    @Test
    void emptyGameSessionGivesOneEmptyPage() {
        Page<PlayerSession> page = store.describePlayerSessions(
                DescribePlayerSessionsRequest.byGameSession(game.gameSessionId()));

        assertTrue(page.items().isEmpty());
        assertTrue(page.nextToken().isEmpty());
    }

    @Test
    void walkReturnsEverySessionOnceWhileSessionsComeAndChange() {
        List<String> existing = reserve(game, 40);
        DescribePlayerSessionsRequest request = DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(7);
        List<String> seen = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int step = 0;
        String token = null;
        do {
            Page<PlayerSession> page = store.describePlayerSessions(request.withNextToken(token));
            page.items().forEach(player -> seen.add(player.playerSessionId()));
            token = page.nextToken().orElse(null);
            // Between pages: new players arrive, and sessions on both sides of the cursor change.
            added.addAll(reserve(game, 2));
            store.connect(existing.get(step * 5 % existing.size()));
            store.removePlayerSession(existing.get((step * 11 + 3) % existing.size()));
            store.connect(existing.get(existing.size() - 1 - step));
            step++;
        } while (token != null);

        assertEquals(new HashSet<>(seen).size(), seen.size(), "a session came twice");
        for (String id : existing) {
            assertEquals(1, seen.stream().filter(id::equals).count(), id);
        }
        assertEquals(existing, seen.subList(0, existing.size()));
        assertTrue(seen.size() > existing.size(), "sessions reserved before the cursor passed them are listed too");
    }

    @Test
    void sameTokenTwiceGivesTheSamePage() {
        reserve(game, 25);
        DescribePlayerSessionsRequest request = DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(10);
        String token = store.describePlayerSessions(request).nextToken().orElseThrow();

        Page<PlayerSession> once = store.describePlayerSessions(request.withNextToken(token));
        Page<PlayerSession> twice = store.describePlayerSessions(request.withNextToken(token));

        assertEquals(once, twice);
        assertEquals(10, once.items().size());
    }

    @Test
    void tokenResumesWithAnotherLimit() {
        List<String> created = reserve(game, 12);
        DescribePlayerSessionsRequest request = DescribePlayerSessionsRequest.byGameSession(game.gameSessionId());
        String token = store.describePlayerSessions(request.withLimit(5)).nextToken().orElseThrow();

        Page<PlayerSession> rest = store.describePlayerSessions(request.withLimit(20).withNextToken(token));

        assertEquals(created.subList(5, 12), rest.items().stream().map(PlayerSession::playerSessionId).toList());
    }

    @Test
    void forgedTokensAreRejected() {
        reserve(game, 25);
        DescribePlayerSessionsRequest request = DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(10);
        String token = store.describePlayerSessions(request).nextToken().orElseThrow();
        byte[] bytes = Base64.getUrlDecoder().decode(token);

        byte[] otherPosition = bytes.clone();
        ByteBuffer.wrap(otherPosition).putLong(0, ByteBuffer.wrap(bytes).getLong(0) + 5);
        byte[] otherMac = bytes.clone();
        otherMac[bytes.length - 1] ^= 1;
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);

        for (byte[] forged : List.of(otherPosition, otherMac, truncated)) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            assertInvalidToken(() -> store.describePlayerSessions(request.withNextToken(encoded)));
        }
        assertInvalidToken(() -> store.describePlayerSessions(request.withNextToken("not a token!")));
        assertInvalidToken(() -> store.describePlayerSessions(request.withNextToken(token.toUpperCase())));
    }

    @Test
    void tokenFromAnotherStoreIsRejected() {
        reserve(game, 25);
        StoreFixture other = new StoreFixture();
        GameSession otherGame = other.createGameSession(30);
        other.store.reservePlayerSessions(otherGame.gameSessionId(), List.of("a", "b", "c"), Map.of());
        String foreign = other.store.describePlayerSessions(DescribePlayerSessionsRequest
                .byGameSession(otherGame.gameSessionId()).withLimit(1)).nextToken().orElseThrow();

        assertInvalidToken(() -> store.describePlayerSessions(DescribePlayerSessionsRequest
                .byGameSession(game.gameSessionId()).withLimit(1).withNextToken(foreign)));
    }

    @Test
    void tokenOfAnotherQueryIsRejected() {
        GameSession other = fixture.createGameSession(30);
        List<String> mine = reserve(game, 25);
        reserve(other, 25);
        mine.forEach(store::connect);
        DescribePlayerSessionsRequest byGame = DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withLimit(10);
        String token = store.describePlayerSessions(byGame).nextToken().orElseThrow();
        String activeToken = store.describePlayerSessions(byGame.withStatus(PlayerSessionStatus.ACTIVE))
                .nextToken().orElseThrow();
        String gamesToken = store.describeGameSessions(DescribeGameSessionsRequest.all().withLimit(1))
                .nextToken().orElseThrow();

        assertInvalidToken(() -> store.describePlayerSessions(DescribePlayerSessionsRequest
                .byGameSession(other.gameSessionId()).withLimit(10).withNextToken(token)));
        assertInvalidToken(() -> store.describePlayerSessions(byGame.withStatus(PlayerSessionStatus.ACTIVE)
                .withNextToken(token)));
        assertInvalidToken(() -> store.describePlayerSessions(byGame.withNextToken(activeToken)));
        assertInvalidToken(() -> store.describePlayerSessions(byGame.withStatus(PlayerSessionStatus.RESERVED)
                .withNextToken(activeToken)));
        assertInvalidToken(() -> store.describePlayerSessions(byGame.withNextToken(gamesToken)));
        assertInvalidToken(() -> store.describeGameSessions(DescribeGameSessionsRequest.all().withNextToken(token)));
        assertInvalidToken(() -> store.describeGameSessions(DescribeGameSessionsRequest.all()
                .withStatus(GameSessionStatus.ACTIVE).withNextToken(gamesToken)));
    }

    @Test
    void statusFilterPagesOnlyMatchingSessions() {
        List<String> created = reserve(game, 25);
        List<String> active = new ArrayList<>();
        for (int i = 0; i < created.size(); i += 3) {
            store.connect(created.get(i));
            active.add(created.get(i));
        }

        List<Page<PlayerSession>> pages = walk(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withStatus(PlayerSessionStatus.ACTIVE).withLimit(4));

        assertEquals(List.of(4, 4, 1), pages.stream().map(page -> page.items().size()).toList());
        assertEquals(active, ids(pages));
        assertTrue(pages.stream().flatMap(page -> page.items().stream())
                .allMatch(player -> player.status() == PlayerSessionStatus.ACTIVE));
        List<Page<PlayerSession>> reserved = walk(DescribePlayerSessionsRequest.byGameSession(game.gameSessionId())
                .withStatus(PlayerSessionStatus.RESERVED).withLimit(4));
        assertEquals(created.size() - active.size(), ids(reserved).size());
    }

    @Test
    void statusFilterMatchingNothingGivesOneEmptyPage() {
        reserve(game, 5);

        Page<PlayerSession> page = store.describePlayerSessions(DescribePlayerSessionsRequest
                .byGameSession(game.gameSessionId()).withStatus(PlayerSessionStatus.TIMEDOUT).withLimit(2));

        assertTrue(page.items().isEmpty());
        assertTrue(page.nextToken().isEmpty());
    }

    @Test
    void describeByPlayerSpansGameSessionsAndIgnoresTheStatusFilter() {
        GameSession other = fixture.createGameSession(10);
        PlayerSession first = store.reservePlayerSession(game.gameSessionId(), "player-x", null);
        store.reservePlayerSession(other.gameSessionId(), "player-y", null);
        PlayerSession second = store.reservePlayerSession(other.gameSessionId(), "player-x", null);
        PlayerSession third = store.reservePlayerSession(game.gameSessionId(), "player-x", null);
        store.connect(second.playerSessionId());

        List<Page<PlayerSession>> pages = walk(DescribePlayerSessionsRequest.byPlayer("player-x")
                .withStatus(PlayerSessionStatus.ACTIVE).withLimit(2));

        assertEquals(List.of(first.playerSessionId(), second.playerSessionId(), third.playerSessionId()), ids(pages));
        assertEquals(List.of(2, 1), pages.stream().map(page -> page.items().size()).toList());
        assertTrue(store.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer("nobody")).items().isEmpty());
    }

    @Test
    void describeByGameSessionAndPlayerNeedsBoth() {
        GameSession other = fixture.createGameSession(10);
        PlayerSession mine = store.reservePlayerSession(game.gameSessionId(), "player-x", null);
        store.reservePlayerSession(other.gameSessionId(), "player-x", null);
        store.reservePlayerSession(game.gameSessionId(), "player-y", null);

        Page<PlayerSession> page = store.describePlayerSessions(
                new DescribePlayerSessionsRequest(game.gameSessionId(), "player-x", null, null, null, null));

        assertEquals(List.of(mine.playerSessionId()),
                page.items().stream().map(PlayerSession::playerSessionId).toList());
    }

    @Test
    void describeByPlayerSessionIdGivesThatSession() {
        List<String> created = reserve(game, 3);

        Page<PlayerSession> page = store.describePlayerSessions(
                DescribePlayerSessionsRequest.byPlayerSession(created.get(1)).withStatus(PlayerSessionStatus.ACTIVE));

        assertEquals(List.of(created.get(1)), page.items().stream().map(PlayerSession::playerSessionId).toList());
        assertTrue(page.nextToken().isEmpty());
    }

    @Test
    void gameSessionsPageInCreationOrderWithAStatusFilter() {
        List<String> created = new ArrayList<>();
        created.add(game.gameSessionId());
        for (int i = 0; i < 11; i++) {
            created.add(fixture.createGameSession(1).gameSessionId());
        }
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < created.size(); i += 4) {
            store.endGameSession(created.get(i));
            ended.add(created.get(i));
        }

        List<Page<GameSession>> all = walkGames(DescribeGameSessionsRequest.all().withLimit(5));
        List<Page<GameSession>> terminated = walkGames(DescribeGameSessionsRequest.all()
                .withStatus(GameSessionStatus.TERMINATED).withLimit(2));

        assertEquals(List.of(5, 5, 2), all.stream().map(page -> page.items().size()).toList());
        assertEquals(created, gameIds(all));
        assertEquals(List.of(2, 1), terminated.stream().map(page -> page.items().size()).toList());
        assertEquals(ended, gameIds(terminated));
        List<Page<GameSession>> active = walkGames(DescribeGameSessionsRequest.all()
                .withStatus(GameSessionStatus.ACTIVE).withLimit(100));
        assertEquals(created.size() - ended.size(), gameIds(active).size());
        assertEquals(store.gameSessionCount(GameSessionStatus.ACTIVE), gameIds(active).size());
    }

    @Test
    void describeOneGameSession() {
        GameSession other = fixture.createGameSession(3);

        Page<GameSession> page = store.describeGameSessions(
                DescribeGameSessionsRequest.byGameSession(other.gameSessionId()));

        assertEquals(List.of(other), page.items());
        assertTrue(page.nextToken().isEmpty());
    }

    private List<String> reserve(GameSession into, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String playerId = "player-" + playerNumbers++;
            ids.add(store.reservePlayerSession(into.gameSessionId(), playerId, null).playerSessionId());
            // Creation times differ, as they would in real life; order must not depend on it.
            fixture.time.advance(Duration.ofMillis(1));
        }
        return ids;
    }

    private List<Page<PlayerSession>> walk(DescribePlayerSessionsRequest request) {
        return walk(request, store::describePlayerSessions, request::withNextToken);
    }

    private List<Page<GameSession>> walkGames(DescribeGameSessionsRequest request) {
        return walk(request, store::describeGameSessions, request::withNextToken);
    }

    private static <R, T> List<Page<T>> walk(R first, Function<R, Page<T>> describe, Function<String, R> next) {
        List<Page<T>> pages = new ArrayList<>();
        Page<T> page = describe.apply(first);
        pages.add(page);
        Set<String> tokens = new HashSet<>();
        while (page.nextToken().isPresent()) {
            String token = page.nextToken().get();
            assertTrue(tokens.add(token), "a token repeated: the walk would never end");
            page = describe.apply(next.apply(token));
            pages.add(page);
        }
        return pages;
    }

    private static List<String> ids(List<Page<PlayerSession>> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).map(PlayerSession::playerSessionId).toList();
    }

    private static List<String> gameIds(List<Page<GameSession>> pages) {
        return pages.stream().flatMap(page -> page.items().stream()).map(GameSession::gameSessionId).toList();
    }

    private static void assertInvalidToken(Executable request) {
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class, request);
        assertTrue(invalid.getMessage().contains("NextToken"), invalid.getMessage());
    }
}
