package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's own schedule purges ended sessions soon after their retention, however short: on
 * real time, as a sidecar with {@code --retention 2s} runs. (RetentionTest covers the purge rules
 * on fake time; this covers that the purge actually runs.)
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetentionScheduleTest {

    /** The bound: gone from every describe within 10 s of its end plus the retention. */
    private static final Duration PURGED_WITHIN = Duration.ofSeconds(10);

    @Test
    void anEndedSessionIsGoneFromEveryDescribeSoonAfterItsRetention() throws Exception {
        Duration retention = Duration.ofSeconds(2);
        try (TicketgateAgent agent = TicketgateAgent.builder().playerPort(0).controlPort(0).retention(retention)
                .listener((session, connection) -> Admission.accepted()).build().start()) {
            String game = agent.createGameSession(CreateGameSessionRequest.builder(2).build()).gameSessionId();
            PlayerSession ended = agent.removePlayerSession(
                    agent.reservePlayerSession(game, "player-1", null).playerSessionId());
            assertEquals(PlayerSessionStatus.COMPLETED, ended.status());
            assertTrue(agent.playerSession(ended.playerSessionId()).isPresent(), "described while retained");

            Attackers.awaitTrue(() -> agent.playerSession(ended.playerSessionId()).isEmpty(),
                    retention.plus(PURGED_WITHIN), "purged within 10 s of its end + 2 s");
            assertTrue(agent.describePlayerSessions(DescribePlayerSessionsRequest.byGameSession(game))
                    .items().isEmpty());
            assertTrue(agent.describePlayerSessions(DescribePlayerSessionsRequest.byPlayer("player-1"))
                    .items().isEmpty());
            assertThrows(NotFoundException.class, () -> agent.describePlayerSessions(
                    DescribePlayerSessionsRequest.byPlayerSession(ended.playerSessionId())));
        }
    }
}
