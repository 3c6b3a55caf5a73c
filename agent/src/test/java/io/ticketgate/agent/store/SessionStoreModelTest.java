package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.UpdateGameSessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The store against a small model of GameLift's rules, over random sequences of reserve, batch
 * reserve, connect, disconnect, remove, expiry, game-session end, and capacity and policy
 * changes. After every step each player session is in the state the model says (one state, and
 * a terminal one never left), every game session's count of held slots is the model's, and the
 * store's counts agree with what it describes.
 */
class SessionStoreModelTest {

    enum Kind { CREATE_GAME, RESERVE, RESERVE_BATCH, CONNECT, DISCONNECT, REMOVE, EXPIRE, END_GAME, UPDATE }

    /** One step: what, on which game and player (indexes taken modulo what exists), and a small number. */
    record Step(Kind kind, int game, int player, int value) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Kind.CREATE_GAME)),
                Tuple.of(6, Arbitraries.just(Kind.RESERVE)),
                Tuple.of(2, Arbitraries.just(Kind.RESERVE_BATCH)),
                Tuple.of(5, Arbitraries.just(Kind.CONNECT)),
                Tuple.of(3, Arbitraries.just(Kind.DISCONNECT)),
                Tuple.of(2, Arbitraries.just(Kind.REMOVE)),
                Tuple.of(1, Arbitraries.just(Kind.EXPIRE)),
                Tuple.of(1, Arbitraries.just(Kind.END_GAME)),
                Tuple.of(2, Arbitraries.just(Kind.UPDATE)));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 63), Arbitraries.integers().between(0, 4)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    /** What the model knows of a game session. */
    private static final class Game {
        final String id;
        int capacity;
        boolean accepting = true;
        boolean ended;
        final List<Player> players = new ArrayList<>();

        Game(String id, int capacity) {
            this.id = id;
            this.capacity = capacity;
        }

        long held() {
            return players.stream().filter(p -> p.status.holdsSlot()).count();
        }

        boolean admits(int count) {
            return !ended && accepting && held() + count <= capacity;
        }
    }

    /** What the model knows of a player session. */
    private static final class Player {
        final String id;
        PlayerSessionStatus status = PlayerSessionStatus.RESERVED;
        long connectionId = -1;

        Player(String id) {
            this.id = id;
        }
    }

    @Property(tries = 300)
    void theStoreFollowsTheModel(@ForAll("steps") List<Step> steps) {
        StoreFixture fixture = new StoreFixture(StoreFixture.settings().retention(Duration.ofDays(30)));
        SessionStore store = fixture.store;
        List<Game> games = new ArrayList<>();
        List<Player> players = new ArrayList<>();
        int names = 0;
        for (Step step : steps) {
            Game game = games.isEmpty() ? null : games.get(step.game() % games.size());
            Player player = players.isEmpty() ? null : players.get(step.player() % players.size());
            switch (step.kind()) {
                case CREATE_GAME -> {
                    if (games.size() < 8) {
                        games.add(new Game(fixture.createGameSession(step.value()).gameSessionId(), step.value()));
                    }
                }
                case RESERVE, RESERVE_BATCH -> {
                    if (game == null) {
                        continue;
                    }
                    int count = step.kind() == Kind.RESERVE ? 1 : 1 + step.value() % 3;
                    List<String> playerIds = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        playerIds.add("player-" + names++);
                    }
                    List<PlayerSession> reserved = attempt(() -> count == 1
                            ? List.of(store.reservePlayerSession(game.id, playerIds.get(0), null))
                            : store.reservePlayerSessions(game.id, playerIds, Map.of()));
                    assertEquals(game.admits(count), reserved != null, step + " on " + game.id);
                    if (reserved != null) {
                        for (PlayerSession session : reserved) {
                            Player added = new Player(session.playerSessionId());
                            game.players.add(added);
                            players.add(added);
                        }
                    }
                }
                case CONNECT -> {
                    if (player == null) {
                        continue;
                    }
                    ConnectOutcome outcome = store.connect(player.id);
                    assertEquals(player.status == PlayerSessionStatus.RESERVED, outcome.isAccepted(), step.toString());
                    if (outcome.isAccepted()) {
                        player.status = PlayerSessionStatus.ACTIVE;
                        player.connectionId = outcome.connectionId();
                    }
                }
                case DISCONNECT -> {
                    if (player == null || player.connectionId < 0) {
                        continue;
                    }
                    store.disconnect(player.id, player.connectionId, DisconnectReason.CONNECTION_CLOSED);
                    if (player.status == PlayerSessionStatus.ACTIVE) {
                        player.status = PlayerSessionStatus.COMPLETED;
                    }
                }
                case REMOVE -> {
                    if (player == null) {
                        continue;
                    }
                    store.removePlayerSession(player.id);
                    if (player.status.holdsSlot()) {
                        player.status = PlayerSessionStatus.COMPLETED;
                    }
                }
                case EXPIRE -> {
                    fixture.advanceAndMaintain(StoreFixture.RESERVATION_TIMEOUT.plusSeconds(1));
                    players.stream().filter(p -> p.status == PlayerSessionStatus.RESERVED)
                            .forEach(p -> p.status = PlayerSessionStatus.TIMEDOUT);
                }
                case END_GAME -> {
                    if (game == null) {
                        continue;
                    }
                    store.endGameSession(game.id);
                    game.ended = true;
                    game.players.stream().filter(p -> p.status.holdsSlot())
                            .forEach(p -> p.status = PlayerSessionStatus.COMPLETED);
                }
                case UPDATE -> {
                    if (game == null) {
                        continue;
                    }
                    boolean accepting = step.player() % 2 == 0;
                    Object updated = attempt(() -> store.updateGameSession(UpdateGameSessionRequest.builder(game.id)
                            .maximumPlayerSessionCount(step.value())
                            .playerSessionCreationPolicy(accepting ? PlayerSessionCreationPolicy.ACCEPT_ALL
                                    : PlayerSessionCreationPolicy.DENY_ALL)
                            .build()));
                    assertEquals(!game.ended, updated != null, step + " on " + game.id);
                    if (updated != null) {
                        game.capacity = step.value();
                        game.accepting = accepting;
                    }
                }
                default -> throw new IllegalStateException(step.toString());
            }
            checkAgainstModel(store, games, players, step);
        }
        fixture.assertCountsMatchDescribe();
    }

    private static void checkAgainstModel(SessionStore store, List<Game> games, List<Player> players, Step after) {
        for (Player player : players) {
            assertEquals(player.status, store.playerSession(player.id).orElseThrow().status(),
                    player.id + " after " + after);
        }
        for (Game game : games) {
            assertEquals(game.held(), store.gameSession(game.id).orElseThrow().currentPlayerSessionCount(),
                    game.id + " after " + after);
        }
    }

    /** Runs a store call the model may expect to be refused; returns null if it was, with a GameLift error. */
    private static <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (TicketgateException refused) {
            return null;
        }
    }
}
