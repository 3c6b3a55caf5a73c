package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.GameLiftAssertions.assertError;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.agent.GameSessionActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.GameSessionStatus;
import software.amazon.awssdk.services.gamelift.model.InvalidGameSessionStatusException;
import software.amazon.awssdk.services.gamelift.model.LimitExceededException;
import software.amazon.awssdk.services.gamelift.model.PlayerSessionStatus;

/**
 * An agent whose game sessions wait for the game to activate them, and that may run only two
 * at once. Each test ends the game sessions it created, so the next one starts with none live.
 */
@Timeout(30)
class GameLiftSdkManualActivationTest {

    private static final int MAX_GAME_SESSIONS = 2;

    private static SdkAgent sdk;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void startAgent() {
        sdk = SdkAgent.start(builder -> builder
                .gameSessionActivation(GameSessionActivation.MANUAL)
                .maxGameSessions(MAX_GAME_SESSIONS));
    }

    @AfterAll
    static void stopAgent() {
        sdk.close();
    }

    @AfterEach
    void endGameSessions() {
        created.forEach(sdk.agent::endGameSession);
    }

    @Test
    void anActivatingGameSessionRefusesReservationsUntilTheGameActivatesIt() {
        GameSession game = create("activating-" + UUID.randomUUID());
        assertEquals(GameSessionStatus.ACTIVATING, game.status());

        assertError(InvalidGameSessionStatusException.class, "ACTIVATING", () -> sdk.client.createPlayerSession(
                request -> request.gameSessionId(game.gameSessionId()).playerId("early")));
        assertError(InvalidGameSessionStatusException.class, "ACTIVATING", () -> sdk.client.createPlayerSessions(
                request -> request.gameSessionId(game.gameSessionId()).playerIds("early-1", "early-2")));
        // Still ACTIVATING, it may be updated.
        assertEquals("renamed", sdk.client.updateGameSession(request -> request
                .gameSessionId(game.gameSessionId()).name("renamed")).gameSession().name());

        sdk.agent.activateGameSession(game.gameSessionId());

        assertEquals(GameSessionStatus.ACTIVE, sdk.client.describeGameSessions(request -> request
                .gameSessionId(game.gameSessionId())).gameSessions().get(0).status());
        assertEquals(PlayerSessionStatus.RESERVED, sdk.client.createPlayerSession(request -> request
                .gameSessionId(game.gameSessionId()).playerId("on-time")).playerSession().status());
    }

    @Test
    void aGameSessionBeyondTheLimitIsRefused() {
        String first = "limit-1-" + UUID.randomUUID();
        create(first);
        create("limit-2-" + UUID.randomUUID());

        assertError(LimitExceededException.class, String.valueOf(MAX_GAME_SESSIONS),
                () -> create("limit-3-" + UUID.randomUUID()));
        // A retry of a game session that exists is no new game session.
        assertEquals(SdkAgent.GAME_SESSION_ARN_PREFIX + first, create(first).gameSessionId());

        sdk.agent.endGameSession(SdkAgent.GAME_SESSION_ARN_PREFIX + first);
        assertEquals(GameSessionStatus.ACTIVATING, create("limit-3-" + UUID.randomUUID()).status());
    }

    private GameSession create(String idempotencyToken) {
        GameSession game = sdk.client.createGameSession(request -> request
                .fleetId(FLEET_ID).maximumPlayerSessionCount(4).idempotencyToken(idempotencyToken)).gameSession();
        created.add(game.gameSessionId());
        return game;
    }
}
