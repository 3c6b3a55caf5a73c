package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ticketgate.agent.DescribePlayerSessionsRequest;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.Page;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetPlayerPagesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void thisAgentsCopyWinsAndPagesFollowCreationOrderAcrossAgents() {
        List<PlayerSession> fleet = List.of(session("psess-c", 3, "gsess-b", PlayerSessionStatus.RESERVED),
                session("psess-a", 1, "gsess-a", PlayerSessionStatus.RESERVED),
                session("psess-b", 2, "gsess-b", PlayerSessionStatus.ACTIVE),
                session("psess-d", 3, "gsess-c", PlayerSessionStatus.COMPLETED));
        List<PlayerSession> own = List.of(session("psess-a", 1, "gsess-a", PlayerSessionStatus.ACTIVE));

        Page<PlayerSession> first = FleetPlayerPages.page(request(2, null), own, fleet, 50);
        assertEquals(List.of("psess-a", "psess-b"), ids(first));
        assertEquals(PlayerSessionStatus.ACTIVE, first.items().get(0).status(), "this agent's own state");

        // A session created meanwhile, earlier in the order than the cursor, shifts nothing.
        List<PlayerSession> grown = new ArrayList<>(fleet);
        grown.add(session("psess-0", 0, "gsess-a", PlayerSessionStatus.RESERVED));
        Page<PlayerSession> second = FleetPlayerPages.page(request(2, first.nextToken().orElseThrow()), own, grown, 50);
        assertEquals(List.of("psess-c", "psess-d"), ids(second));
        assertEquals(java.util.Optional.empty(), second.nextToken());
    }

    @Test
    void aTokenOfAnotherListingOrNoneAtAllIsRefused() {
        List<PlayerSession> fleet = List.of(session("psess-a", 1, "gsess-a", PlayerSessionStatus.RESERVED),
                session("psess-b", 2, "gsess-a", PlayerSessionStatus.RESERVED));
        String token = FleetPlayerPages.page(request(1, null), List.of(), fleet, 50).nextToken().orElseThrow();
        DescribePlayerSessionsRequest otherPlayer = new DescribePlayerSessionsRequest(null, "player-2", null, null, 1,
                token);

        assertThrows(InvalidRequestException.class, () -> FleetPlayerPages.page(otherPlayer, List.of(), fleet, 50));
        assertThrows(InvalidRequestException.class,
                () -> FleetPlayerPages.page(request(1, "fleet1.!!"), List.of(), fleet, 50));
        assertThrows(InvalidRequestException.class,
                () -> FleetPlayerPages.page(request(1, "abc"), List.of(), fleet, 50));
    }

    private static DescribePlayerSessionsRequest request(Integer limit, String nextToken) {
        return new DescribePlayerSessionsRequest(null, "player-1", null, null, limit, nextToken);
    }

    private static PlayerSession session(String id, int second, String gameSessionId, PlayerSessionStatus status) {
        return new PlayerSession(id, "player-1", gameSessionId, "fleet-test", "arn", T0.plusSeconds(second), null,
                status, "127.0.0.1", null, 7777, null);
    }

    private static List<String> ids(Page<PlayerSession> page) {
        return page.items().stream().map(PlayerSession::playerSessionId).toList();
    }
}
