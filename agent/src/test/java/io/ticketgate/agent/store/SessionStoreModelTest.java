package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.TicketgateException;
import io.ticketgate.agent.UpdateGameSessionRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The store against a small model of GameLift's rules, over random sequences of reserve, batch
 * reserve, connect, disconnect, remove, expiry, game-session end, and capacity and policy
 * changes, and, on a data dir, crashes followed by a reopen. After every step each player
 * session is in the state the model says (one state, and a terminal one never left), every game
 * session's count of held slots is the model's, and the store's counts agree with what it
 * describes. A crash loses nothing acknowledged: only a connect or disconnect no call has waited
 * for since may come back as if it had not happened.
 */
class SessionStoreModelTest {

    enum Kind { CREATE_GAME, RESERVE, RESERVE_BATCH, CONNECT, DISCONNECT, REMOVE, EXPIRE, END_GAME, UPDATE, CRASH }

    /** One step: what, on which game and player (indexes taken modulo what exists), and a small number. */
    record Step(Kind kind, int game, int player, int value) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return steps(0);
    }

    /** Each sequence also ends in a crash, so its final state is always checked after a reopen. */
    @Provide
    Arbitrary<List<Step>> stepsWithCrashes() {
        return steps(2).map(steps -> {
            List<Step> crashingLast = new ArrayList<>(steps);
            crashingLast.add(new Step(Kind.CRASH, 0, 0, steps.size()));
            return crashingLast;
        });
    }

    private static Arbitrary<List<Step>> steps(int crashWeight) {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(crashWeight, Arbitraries.just(Kind.CRASH)),
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
        /** Changed by a connect or disconnect that no acknowledged call has waited for since. */
        boolean unacknowledged;
        /** The clock has passed its reservation's deadline (an EXPIRE came after it was reserved). */
        boolean pastDeadline;

        Player(String id) {
            this.id = id;
        }
    }

    @Property(tries = 300)
    void theStoreFollowsTheModel(@ForAll("steps") List<Step> steps) {
        StoreFixture fixture = new StoreFixture(SETTINGS);
        new ModelRun(fixture, null).run(steps);
    }

    /** On tmpfs where there is one: what is tested is the journal's logic, not the disk's fsync. */
    @Property(tries = 100)
    void theStoreFollowsTheModelAcrossCrashes(@ForAll("stepsWithCrashes") List<Step> steps) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "model")
                : Files.createTempDirectory("model");
        FakeTime time = new FakeTime();
        DurableRun first = new DurableRun(dir, time, SETTINGS);
        ModelRun run = new ModelRun(first.fixture, () -> new DurableRun(dir, time, SETTINGS));
        run.durable = first;
        try {
            run.run(steps);
        } finally {
            run.durable.log.close();
            deleteTree(dir);
        }
    }

    /**
     * jqwik's find: a connect that had not reached the disk, then the clock past the reservation's
     * deadline, then a crash. The restart brings the reservation back and finds it expired.
     */
    @Example
    void aLostConnectOfAnExpiredReservationComesBackTimedOut() throws IOException {
        theStoreFollowsTheModelAcrossCrashes(List.of(new Step(Kind.CREATE_GAME, 0, 0, 1),
                new Step(Kind.CRASH, 0, 0, 0), new Step(Kind.RESERVE, 0, 0, 0), new Step(Kind.CONNECT, 0, 0, 0),
                new Step(Kind.RESERVE, 0, 4, 0), new Step(Kind.EXPIRE, 1, 0, 2), new Step(Kind.RESERVE, 1, 0, 2),
                new Step(Kind.CRASH, 0, 0, 7)));
    }

    private static final StoreFixture.Settings SETTINGS = StoreFixture.settings().retention(Duration.ofDays(30));

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** One sequence of steps against the store and the model; {@code reopen} null: no crashes. */
    private static final class ModelRun {
        private StoreFixture fixture;
        private final Supplier<DurableRun> reopen;
        private DurableRun durable;
        private final List<Game> games = new ArrayList<>();
        private final List<Player> players = new ArrayList<>();

        ModelRun(StoreFixture fixture, Supplier<DurableRun> reopen) {
            this.fixture = fixture;
            this.reopen = reopen;
        }

        /** An acknowledged call that appended a change waited for every change before it too. */
        private void acknowledged() {
            players.forEach(p -> p.unacknowledged = false);
        }

        /**
         * The journal stops as a kill -9 would stop it; the directory is opened again at once. A
         * session the model has ACTIVE lost its connection with the process: COMPLETED, or, if its
         * connect never reached the disk, RESERVED again (TIMEDOUT once the clock passed its deadline).
         */
        private void crash(Step step) {
            durable.log.halt();
            durable = reopen.get();
            fixture = durable.fixture;
            for (Player player : players) {
                PlayerSessionStatus restored = fixture.store.playerSession(player.id).orElseThrow().status();
                PlayerSessionStatus expected = player.status == PlayerSessionStatus.ACTIVE
                        ? PlayerSessionStatus.COMPLETED : player.status;
                PlayerSessionStatus reservedAgain = player.pastDeadline ? PlayerSessionStatus.TIMEDOUT
                        : PlayerSessionStatus.RESERVED;
                boolean connectLost = player.unacknowledged && restored == reservedAgain;
                if (!connectLost) {
                    assertEquals(expected, restored, player.id + " after " + step);
                }
                player.status = restored;
                player.connectionId = -1;
                player.unacknowledged = false;
            }
        }

        void run(List<Step> steps) {
            int names = 0;
            for (Step step : steps) {
                SessionStore store = fixture.store;
                Game game = games.isEmpty() ? null : games.get(step.game() % games.size());
                Player player = players.isEmpty() ? null : players.get(step.player() % players.size());
                switch (step.kind()) {
                    case CREATE_GAME -> {
                        if (games.size() < 8) {
                            games.add(new Game(fixture.createGameSession(step.value()).gameSessionId(), step.value()));
                            acknowledged();
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
                            acknowledged();
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
                            player.unacknowledged = true;
                        }
                    }
                    case DISCONNECT -> {
                        if (player == null || player.connectionId < 0) {
                            continue;
                        }
                        store.disconnect(player.id, player.connectionId, DisconnectReason.CONNECTION_CLOSED);
                        if (player.status == PlayerSessionStatus.ACTIVE) {
                            player.status = PlayerSessionStatus.COMPLETED;
                            player.unacknowledged = true;
                        }
                    }
                    case REMOVE -> {
                        if (player == null) {
                            continue;
                        }
                        store.removePlayerSession(player.id);
                        if (player.status.holdsSlot()) {
                            acknowledged();
                            player.status = PlayerSessionStatus.COMPLETED;
                        }
                    }
                    case EXPIRE -> {
                        fixture.advanceAndMaintain(StoreFixture.RESERVATION_TIMEOUT.plusSeconds(1));
                        players.forEach(p -> p.pastDeadline = true);
                        players.stream().filter(p -> p.status == PlayerSessionStatus.RESERVED)
                                .forEach(p -> p.status = PlayerSessionStatus.TIMEDOUT);
                    }
                    case END_GAME -> {
                        if (game == null) {
                            continue;
                        }
                        store.endGameSession(game.id);
                        if (!game.ended) {
                            acknowledged();
                        }
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
                            acknowledged();
                            game.capacity = step.value();
                            game.accepting = accepting;
                        }
                    }
                    case CRASH -> {
                        if (step.value() % 2 == 0) {
                            durable.log.compactNow(); // the crash then finds a snapshot and a fresh journal
                        }
                        crash(step);
                    }
                    default -> throw new IllegalStateException(step.toString());
                }
                checkAgainstModel(fixture.store, games, players, step);
            }
            fixture.assertCountsMatchDescribe();
        }
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
