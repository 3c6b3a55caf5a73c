package io.ticketgate.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.GameProperty;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.IdempotentParameterMismatchException;
import io.ticketgate.agent.InvalidGameSessionStatusException;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionCreationPolicy;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.UpdateGameSessionRequest;
import io.ticketgate.agent.durable.DataDirectory;
import io.ticketgate.agent.durable.DataDirectoryException;
import io.ticketgate.protocol.ResultCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a data dir, crashed (its journal halted as a kill -9 would leave it) and opened
 * again on the same directory: what was acknowledged comes back as the restart rules say.
 */
@Timeout(60)
class DurableRestartTest {

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private DurableRun current;

    private DurableRun open(StoreFixture.Settings settings) {
        current = new DurableRun(dir, time, settings);
        return current;
    }

    private DurableRun open() {
        return open(StoreFixture.settings());
    }

    /** Crashes the current run and opens the directory again after {@code downtime}. */
    private DurableRun crashAndRestart(Duration downtime, StoreFixture.Settings settings) {
        current.log.halt();
        time.advance(downtime);
        return open(settings);
    }

    private DurableRun crashAndRestart(Duration downtime) {
        return crashAndRestart(downtime, StoreFixture.settings());
    }

    @AfterEach
    void closeTheLastRun() {
        if (current != null) {
            current.log.close();
        }
    }

    private static GameSession game(SessionStore store, int slots) {
        return store.createGameSession(CreateGameSessionRequest.builder(slots).build());
    }

    @Test
    void reservationsComeBackWithTheirCreationTimeAndCanStillConnect() {
        DurableRun first = open();
        GameSession game = game(first.store, 10);
        List<PlayerSession> batch = first.store.reservePlayerSessions(game.gameSessionId(), List.of("p1", "p2"),
                Map.of("p1", "{\"team\":\"red\"}"));
        time.advance(Duration.ofMillis(1234));
        PlayerSession single = first.store.reservePlayerSession(game.gameSessionId(), "p3", null);

        DurableRun second = crashAndRestart(Duration.ofSeconds(10));
        assertEquals(new SessionStore.Restored(1, 3, 3, 0, 0), second.restored);
        for (PlayerSession before : List.of(batch.get(0), batch.get(1), single)) {
            assertEquals(before, second.store.playerSession(before.playerSessionId()).orElseThrow(),
                    "described exactly as before, CreationTime included");
        }
        assertEquals(3, second.store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
        ConnectOutcome connected = second.store.connect(batch.get(0).playerSessionId());
        assertTrue(connected.isAccepted(), connected.toString());
        assertEquals("{\"team\":\"red\"}", connected.session().playerData());
        second.fixture.assertCountsMatchDescribe();
    }

    @Test
    void aRestoredReservationStillTimesOutAtItsOriginalDeadline() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession reserved = first.store.reservePlayerSession(game.gameSessionId(), "p1", null);
        time.advance(Duration.ofSeconds(30));

        DurableRun second = crashAndRestart(Duration.ofSeconds(29));
        assertEquals(PlayerSessionStatus.RESERVED, second.store.playerSession(reserved.playerSessionId())
                .orElseThrow().status());
        second.fixture.advanceAndMaintain(Duration.ofSeconds(1));
        PlayerSession timedOut = second.store.playerSession(reserved.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.TIMEDOUT, timedOut.status());
        assertEquals(reserved.creationTime().plus(StoreFixture.RESERVATION_TIMEOUT), timedOut.terminationTime());
    }

    @Test
    void aReservationWhoseDeadlinePassedWhileTheAgentWasDownTimedOutAtItsDeadline() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession reserved = first.store.reservePlayerSession(game.gameSessionId(), "p1", null);

        DurableRun second = crashAndRestart(Duration.ofMinutes(5));
        assertEquals(1, second.restored.timedOutWhileDown());
        PlayerSession timedOut = second.store.playerSession(reserved.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.TIMEDOUT, timedOut.status());
        assertEquals(reserved.creationTime().plus(StoreFixture.RESERVATION_TIMEOUT), timedOut.terminationTime(),
                "at its deadline, not at the restart");
        assertEquals(ResultCode.SESSION_TIMED_OUT, second.store.connect(reserved.playerSessionId()).code());
        assertEquals(0, second.store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());

        // The restart's verdict is on disk: a second restart says the same.
        DurableRun third = crashAndRestart(Duration.ofSeconds(1));
        assertEquals(timedOut, third.store.playerSession(reserved.playerSessionId()).orElseThrow());
    }

    @Test
    void anActiveSessionWhoseConnectionDiedWithTheProcessIsCompletedAtTheRestart() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession player = first.store.reservePlayerSession(game.gameSessionId(), "p1", null);
        assertTrue(first.store.connect(player.playerSessionId()).isAccepted());
        first.log.sync(); // a connect does not wait for the disk; the crash comes once it is there

        DurableRun second = crashAndRestart(Duration.ofSeconds(7));
        assertEquals(1, second.restored.completedAtRestart());
        PlayerSession completed = second.store.playerSession(player.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.COMPLETED, completed.status());
        assertEquals(time.instant(), completed.terminationTime());
        assertTrue(completed.terminationTime().isAfter(completed.creationTime()));
        assertEquals(0, second.store.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());

        DurableRun third = crashAndRestart(Duration.ofSeconds(3));
        assertEquals(completed, third.store.playerSession(player.playerSessionId()).orElseThrow(),
                "its TerminationTime does not move with later restarts");
    }

    @Test
    void aConnectTheDiskHadNotYetTakenComesBackReservedAndMayConnectAgain() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession player = first.store.reservePlayerSession(game.gameSessionId(), "p1", null);
        first.log.halt(); // the journal stops before the connect below reaches it
        assertTrue(first.store.connect(player.playerSessionId()).isAccepted());

        DurableRun second = crashAndRestart(Duration.ZERO);
        assertEquals(player, second.store.playerSession(player.playerSessionId()).orElseThrow());
        assertTrue(second.store.connect(player.playerSessionId()).isAccepted());
    }

    @Test
    void aCallWhoseChangeCannotBeWrittenFailsInsteadOfReturning() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        first.log.halt();
        UncheckedIOException failed = assertThrows(UncheckedIOException.class,
                () -> first.store.reservePlayerSession(game.gameSessionId(), "p1", null));
        assertTrue(failed.getMessage().startsWith("the data dir could not be written"), failed.getMessage());
    }

    @Test
    void aPlayerInItsReconnectGraceKeepsItAcrossARestart() {
        StoreFixture.Settings withGrace = StoreFixture.settings().reconnectGrace(Duration.ofSeconds(30));
        DurableRun first = open(withGrace);
        GameSession game = game(first.store, 4);
        PlayerSession back = first.store.reservePlayerSession(game.gameSessionId(), "back", null);
        PlayerSession late = first.store.reservePlayerSession(game.gameSessionId(), "late", null);
        for (PlayerSession player : List.of(back, late)) {
            ConnectOutcome connected = first.store.connect(player.playerSessionId());
            first.store.disconnect(player.playerSessionId(), connected.connectionId(),
                    DisconnectReason.CONNECTION_CLOSED);
        }
        first.log.sync();

        DurableRun second = crashAndRestart(Duration.ofSeconds(10), withGrace);
        ConnectOutcome reconnected = second.store.connect(back.playerSessionId());
        assertTrue(reconnected.isAccepted() && reconnected.reconnect(), reconnected.toString());
        second.fixture.advanceAndMaintain(Duration.ofSeconds(20));
        PlayerSession expired = second.store.playerSession(late.playerSessionId()).orElseThrow();
        assertEquals(PlayerSessionStatus.COMPLETED, expired.status());
        assertEquals(ResultCode.SESSION_COMPLETED, second.store.connect(late.playerSessionId()).code());
    }

    @Test
    void endedSessionsAreDescribedAsBeforeAndKeepTheirRetention() {
        DurableRun first = open(StoreFixture.settings().retention(Duration.ofMinutes(10)));
        GameSession game = game(first.store, 4);
        PlayerSession removed = first.store.removePlayerSession(
                first.store.reservePlayerSession(game.gameSessionId(), "p1", null).playerSessionId());
        GameSession ended = first.store.endGameSession(game.gameSessionId());
        time.advance(Duration.ofMinutes(4));

        DurableRun second = crashAndRestart(Duration.ofMinutes(4), StoreFixture.settings().retention(Duration.ofMinutes(10)));
        assertEquals(removed, second.store.playerSession(removed.playerSessionId()).orElseThrow());
        assertEquals(ended, second.store.gameSession(game.gameSessionId()).orElseThrow());
        second.fixture.advanceAndMaintain(Duration.ofMinutes(2));
        assertTrue(second.store.playerSession(removed.playerSessionId()).isEmpty(),
                "gone at its end plus retention, downtime counted");
        assertTrue(second.store.gameSession(game.gameSessionId()).isEmpty());
    }

    @Test
    void sessionsPastTheirRetentionAtTheRestartAreNotBroughtBack() {
        DurableRun first = open(StoreFixture.settings().retention(Duration.ofSeconds(2)));
        GameSession game = game(first.store, 4);
        PlayerSession removed = first.store.removePlayerSession(
                first.store.reservePlayerSession(game.gameSessionId(), "p1", null).playerSessionId());

        DurableRun second = crashAndRestart(Duration.ofSeconds(3), StoreFixture.settings().retention(Duration.ofSeconds(2)));
        assertTrue(second.store.playerSession(removed.playerSessionId()).isEmpty());
        assertEquals(0, second.store.playerSessionCount(PlayerSessionStatus.COMPLETED));
    }

    @Test
    void gameSessionsComeBackWithTheirSettingsAndTheirIdempotencyTokens() {
        DurableRun first = open();
        CreateGameSessionRequest request = CreateGameSessionRequest.builder(8).name("arena")
                .gameProperties(List.of(new GameProperty("mode", "ctf"))).gameSessionData("map=dust")
                .creatorId("matchmaker").idempotencyToken("match-42").build();
        GameSession created = first.store.createGameSession(request);
        first.store.reservePlayerSession(created.gameSessionId(), "p1", null);
        GameSession updated = first.store.updateGameSession(UpdateGameSessionRequest.builder(created.gameSessionId())
                .maximumPlayerSessionCount(5).playerSessionCreationPolicy(PlayerSessionCreationPolicy.DENY_ALL)
                .build());

        DurableRun second = crashAndRestart(Duration.ofSeconds(5));
        assertEquals(updated, second.store.gameSession(created.gameSessionId()).orElseThrow());
        assertEquals(updated, second.store.createGameSession(request), "a retry returns the same game session");
        assertThrows(IdempotentParameterMismatchException.class, () -> second.store.createGameSession(
                CreateGameSessionRequest.builder(9).idempotencyToken("match-42").build()));
        assertThrows(InvalidGameSessionStatusException.class,
                () -> second.store.reservePlayerSession(created.gameSessionId(), "p2", null));
    }

    @Test
    void sessionsMadeAfterARestartFollowTheRestoredOnesAndNoIdIsReused() {
        DurableRun first = open();
        GameSession game = game(first.store, 10);
        List<PlayerSession> before = first.store.reservePlayerSessions(game.gameSessionId(), List.of("a", "b"),
                Map.of());

        DurableRun second = crashAndRestart(Duration.ofSeconds(1));
        PlayerSession after = second.store.reservePlayerSession(game.gameSessionId(), "c", null);
        assertEquals(List.of(before.get(0).playerSessionId(), before.get(1).playerSessionId(),
                after.playerSessionId()), second.fixture.allPlayerSessions(game.gameSessionId()).stream()
                        .map(PlayerSession::playerSessionId).toList());
        GameSession another = game(second.store, 1);
        assertEquals(List.of(game.gameSessionId(), another.gameSessionId()),
                second.fixture.allGameSessions().stream().map(GameSession::gameSessionId).toList());
    }

    @Test
    void aGracefulStopKeepsReservationsAndCompletesActivePlayers() {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession waiting = first.store.reservePlayerSession(game.gameSessionId(), "waiting", null);
        PlayerSession playing = first.store.reservePlayerSession(game.gameSessionId(), "playing", null);
        assertTrue(first.store.connect(playing.playerSessionId()).isAccepted());
        first.store.completeAll(DisconnectReason.AGENT_STOPPED);
        first.log.close();
        current = null;
        time.advance(Duration.ofSeconds(5));

        DurableRun second = open();
        assertEquals(PlayerSessionStatus.RESERVED,
                second.store.playerSession(waiting.playerSessionId()).orElseThrow().status());
        assertEquals(PlayerSessionStatus.COMPLETED,
                second.store.playerSession(playing.playerSessionId()).orElseThrow().status());
    }

    @Test
    void compactionKeepsTheDirectoryToAboutTheSessionsHeld() throws IOException {
        StoreFixture.Settings shortRetention = StoreFixture.settings().retention(Duration.ofSeconds(1));
        current = new DurableRun(dir, time, shortRetention, 1);
        SessionStore store = current.store;
        GameSession game = game(store, 100);
        for (int round = 0; round < 200; round++) {
            for (PlayerSession player : store.reservePlayerSessions(game.gameSessionId(),
                    List.of("x" + round, "y" + round, "z" + round), Map.of())) {
                store.removePlayerSession(player.playerSessionId());
            }
            current.fixture.advanceAndMaintain(Duration.ofSeconds(2));
        }
        PlayerSession kept = store.reservePlayerSession(game.gameSessionId(), "kept", "stays");
        long churned = directoryBytes();
        assertTrue(current.log.compactNow());
        long compacted = directoryBytes();
        assertTrue(compacted < churned / 10, "compacted to " + compacted + " bytes from " + churned);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("journal-000000000002", "lock", "snapshot-000000000002"),
                    files.map(file -> file.getFileName().toString()).sorted().toList());
        }

        DurableRun second = crashAndRestart(Duration.ofSeconds(1), shortRetention);
        assertEquals(kept, second.store.playerSession(kept.playerSessionId()).orElseThrow());
        assertEquals(1, second.restored.playerSessions());
    }

    @Test
    void startUpWritesNoSnapshotAndTheFirstCompactionFoldsTheFilesItRead() throws IOException {
        DurableRun first = open();
        GameSession game = game(first.store, 4);
        PlayerSession reserved = first.store.reservePlayerSession(game.gameSessionId(), "p1", null);

        DurableRun second = crashAndRestart(Duration.ofSeconds(1));
        assertEquals(List.of("journal-000000000001", "journal-000000000002", "lock"), fileNames());
        assertTrue(second.log.compactIfDue(), "the files read hold a journal");
        second.log.close(); // once the compaction is done
        current = null;
        assertEquals(List.of("journal-000000000003", "lock", "snapshot-000000000003"), fileNames());

        DurableRun third = open();
        assertEquals(reserved, third.store.playerSession(reserved.playerSessionId()).orElseThrow());
        assertFalse(third.log.compactIfDue(), "a snapshot and an empty journal: nothing to fold");
        assertEquals(List.of("journal-000000000004", "lock", "snapshot-000000000003"), fileNames(),
                "the empty journal the last run left is gone");
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private long directoryBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    @Test
    void theFilesAreTheAgentUsersAlone() throws IOException {
        Path made = dir.resolve("made/by/the/agent");
        DataDirectory.lock(made).close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
        open();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file.toString());
            }
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedNamingTheLock() {
        open();
        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> DataDirectory.lock(dir));
        assertEquals("cannot use the data dir " + dir + ": another agent is using it (it holds the lock "
                + dir.resolve("lock") + "); stop that agent, or give each agent its own --data-dir",
                refused.getMessage());
    }

    @Test
    void aDamagedFileStopsTheOpenNamingTheFileAndWhatToDo() throws IOException {
        DurableRun first = open();
        game(first.store, 4);
        first.log.close();
        DurableRun second = open();
        assertTrue(second.log.compactNow()); // its snapshot holds the game session
        second.log.close();
        current = null;
        Path snapshot;
        try (Stream<Path> files = Files.list(dir)) {
            snapshot = files.filter(file -> file.getFileName().toString().startsWith("snapshot-")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[20] ^= 0x40;
        Files.write(snapshot, bytes);

        DataDirectoryException refused = assertThrows(DataDirectoryException.class, () -> open());
        assertTrue(refused.getMessage().startsWith("cannot use the data dir " + dir + ": " + snapshot
                + " is corrupt at byte 0"), refused.getMessage());
        assertTrue(refused.getMessage().contains("restore the directory from a backup"), refused.getMessage());
        assertEquals(bytes.length, Files.size(snapshot), "nothing is reset");
        DataDirectory.lock(dir).close(); // and the failed open let go of the lock
    }
}
