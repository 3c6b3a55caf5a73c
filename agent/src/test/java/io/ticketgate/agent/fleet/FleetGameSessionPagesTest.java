package io.ticketgate.agent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.GameSessionStatus;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.store.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DescribeGameSessions by FleetId through any agent: every agent's game sessions, page by page. */
@Timeout(60)
class FleetGameSessionPagesTest extends MirroredStoreOnRedis {

    @Test
    void everyAgentsGameSessionsAreListedInCreationOrderPageByPage() throws Exception {
        FleetSettings b = new FleetSettings(redis.uri(), FLEET, "agent-b", 10, FleetSettings.DEFAULT_HEARTBEAT_TIMEOUT);
        FleetMirror otherMirror = new FleetMirror(connection, b, "{}", MirroredStore.RETENTION);
        SessionStore other = MirroredStore.of(FLEET, otherMirror);
        List<GameSession> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(store.createGameSession(CreateGameSessionRequest.builder(4).build()));
            created.add(other.createGameSession(CreateGameSessionRequest.builder(4).build()));
        }
        other.endGameSession(created.get(1).gameSessionId());
        mirror.flush().get(5, TimeUnit.SECONDS);
        otherMirror.flush().get(5, TimeUnit.SECONDS);
        FleetGameSessionPages pages = new FleetGameSessionPages(connection, FLEET,
                new FleetDirectory(connection, null, null, "agent-a", () -> true, FLEET, "arn")::gameSession);

        List<String> listed = listAll(pages, null);
        List<String> expected = created.stream()
                .sorted(Comparator.comparing((GameSession game) -> game.creationTime().toEpochMilli())
                        .thenComparing(GameSession::gameSessionId))
                .map(GameSession::gameSessionId).toList();
        assertEquals(expected, listed);
        assertEquals(expected.stream().filter(id -> !id.equals(created.get(1).gameSessionId())).toList(),
                listAll(pages, GameSessionStatus.ACTIVE));
        assertThrows(InvalidRequestException.class, () -> pages.page(null, 1, "fleet1g.bm90LWEtdG9rZW4",
                store::gameSession));
        String active = pages.page(GameSessionStatus.ACTIVE, 1, null, store::gameSession).nextToken().orElseThrow();
        assertThrows(InvalidRequestException.class, () -> pages.page(null, 1, active, store::gameSession),
                "a token of another query");
    }

    /** Through agent A, one game session a page. */
    private List<String> listAll(FleetGameSessionPages pages, GameSessionStatus status) throws Exception {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            Page<GameSession> page = pages.page(status, 1, token, store::gameSession);
            page.items().forEach(game -> ids.add(game.gameSessionId()));
            token = page.nextToken().orElse(null);
        } while (token != null);
        return ids;
    }
}
