package io.ticketgate.agent.control;

import io.ticketgate.agent.control.Shapes.GameSessionOutput;
import io.ticketgate.agent.control.Shapes.GameSessionShape;
import io.ticketgate.agent.control.Shapes.PlayerSessionOutput;
import io.ticketgate.agent.control.Shapes.PlayerSessionShape;
import io.ticketgate.agent.store.SessionStore;
import java.util.Map;
import java.util.function.Function;

/**
 * The local API's operations, for the game server beside the agent: each is one store method,
 * answered with the same shapes as the GameLift operations. Update is GameLift's own
 * UpdateGameSession, not a second copy of it.
 */
final class LocalOperations {

    /** Every local path starts with this. */
    static final String PATH_PREFIX = "/local/v1/";
    static final String EVENTS_PATH = PATH_PREFIX + "events";

    private final Map<String, Function<Members, Object>> operations;

    LocalOperations(SessionStore store, GameLiftOperations gameLift) {
        String region = store.settings().region();
        this.operations = Map.of(
                PATH_PREFIX + "game-sessions/activate", in -> new GameSessionOutput(GameSessionShape.of(
                        store.activateGameSession(in.requiredString("GameSessionId")), region)),
                PATH_PREFIX + "game-sessions/end", in -> new GameSessionOutput(GameSessionShape.of(
                        store.endGameSession(in.requiredString("GameSessionId")), region)),
                PATH_PREFIX + "game-sessions/update", in -> gameLift.invoke("UpdateGameSession", in),
                PATH_PREFIX + "player-sessions/remove", in -> new PlayerSessionOutput(PlayerSessionShape.of(
                        store.removePlayerSession(in.requiredString("PlayerSessionId")))));
    }

    /** Returns true if an operation is POSTed to {@code path}. */
    boolean serves(String path) {
        return operations.containsKey(path);
    }

    /**
     * Runs the operation at {@code path}.
     *
     * @throws io.ticketgate.agent.TicketgateException named as GameLift names the error
     */
    Object invoke(String path, Members input) {
        return operations.get(path).apply(input);
    }

    /** Returns the operation's name for metrics: {@code local/<path after the prefix>}. */
    static String metricName(String path) {
        return "local/" + path.substring(PATH_PREFIX.length());
    }
}
