package io.ticketgate.agent.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM with a player in play, against the real jar: a player, the sidecar, and an echo game
 * server behind it that reads the PROXY v2 header first.
 */
@Timeout(60)
class SidecarDrainIT {

    /** How long the sidecar may take to exit once its drain is over. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    /** How long any one exchange with the sidecar or through it may take. */
    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path workingDirectory;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(EXCHANGE_TIMEOUT)
            .build();
    private EchoGameServer game;
    private Process sidecar;
    private int controlPort;
    private int playerPort;

    @AfterEach
    void cleanUp() throws IOException {
        if (sidecar != null) {
            sidecar.destroyForcibly();
        }
        if (game != null) {
            game.close();
        }
    }

    @Test
    void aPlayerInPlayPlaysOnUntilTheDrainTimeoutThenIsDisconnected() throws Exception {
        Duration drainTimeout = Duration.ofSeconds(3);
        start(drainTimeout);
        String gameSessionId = createGameSession();
        String playing = reservePlayer(gameSessionId, "player-1");
        String latecomer = reservePlayer(gameSessionId, "player-2");
        TgtConnection player = connect(playing);
        assertEquals(ResultCode.ACCEPTED, player.code(), player::toString);
        assertEchoes(player, "before the drain");

        long sigterm = System.nanoTime();
        sidecar.destroy();   // SIGTERM on Linux

        assertEquals(503, awaitNotReady());
        TgtConnection refused = connect(latecomer);
        assertEquals(ResultCode.SHUTTING_DOWN, refused.code(), refused::toString);
        assertEchoes(player, "during the drain");

        player.socket().setSoTimeout(Math.toIntExact(drainTimeout.plus(EXIT_GRACE).toMillis()));
        assertEquals(-1, player.input().read(), "the agent should close the player's connection");
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - sigterm);
        assertTrue(closedAfter.compareTo(drainTimeout) >= 0,
                "the player was disconnected " + closedAfter + " after SIGTERM, before the drain timeout");
        player.close();

        assertExitsZeroWithin(Duration.ofNanos(sigterm + drainTimeout.plus(EXIT_GRACE).toNanos() - System.nanoTime()));
    }

    @Test
    void aPlayerLeavingDuringTheDrainLetsTheSidecarExitEarly() throws Exception {
        start(Duration.ofSeconds(20));
        TgtConnection player = connect(reservePlayer(createGameSession(), "player-1"));
        assertEquals(ResultCode.ACCEPTED, player.code(), player::toString);
        assertEchoes(player, "before the drain");

        sidecar.destroy();
        assertEquals(503, awaitNotReady());
        assertEchoes(player, "during the drain");
        player.close();

        assertExitsZeroWithin(Duration.ofSeconds(2));
    }

    private void start(Duration drainTimeout) throws IOException {
        game = EchoGameServer.start();
        playerPort = SidecarJar.freePort();
        controlPort = SidecarJar.freePort();
        sidecar = SidecarJar.command(workingDirectory, List.of(), List.of("--upstream", "127.0.0.1:" + game.port(),
                        "--player-bind", "127.0.0.1", "--player-port", String.valueOf(playerPort),
                        "--control-port", String.valueOf(controlPort),
                        "--drain-timeout", drainTimeout.toSeconds() + "s"))
                .redirectOutput(workingDirectory.resolve("stdout.txt").toFile())
                .redirectError(workingDirectory.resolve("stderr.txt").toFile())
                .start();
        SidecarJar.awaitReady(sidecar, controlPort);
    }

    private TgtConnection connect(String playerSessionId) throws IOException {
        return TgtClient.connect("127.0.0.1", playerPort, playerSessionId,
                TgtClient.Options.defaults().withReadTimeout(EXCHANGE_TIMEOUT));
    }

    /** Polls /readyz until it stops answering 200; returns what it answered then (-1: nothing). */
    private int awaitNotReady() {
        long deadline = System.nanoTime() + EXCHANGE_TIMEOUT.toNanos();
        int status;
        // The signal lands asynchronously: readiness stays 200 until the JVM has handled it.
        while ((status = SidecarJar.readyz(controlPort)) == 200) {
            assertTrue(System.nanoTime() < deadline, "/readyz still answers 200 after SIGTERM");
            Thread.onSpinWait();
        }
        return status;
    }

    private void assertExitsZeroWithin(Duration timeout) throws Exception {
        boolean exited = sidecar.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        assertTrue(exited, () -> "the sidecar did not exit within " + timeout + "; stdout:\n" + stdout());
        assertEquals(0, sidecar.exitValue(), this::stdout);
        assertTrue(stdout().contains("Ticketgate agent stopped"), this::stdout);
    }

    private String stdout() {
        try {
            return Files.readString(workingDirectory.resolve("stdout.txt"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Sends a line through the sidecar and the game server, and reads it back, within the timeout. */
    private static void assertEchoes(TgtConnection player, String text) throws IOException {
        byte[] sent = (text + "\n").getBytes(UTF_8);
        player.socket().setSoTimeout(Math.toIntExact(EXCHANGE_TIMEOUT.toMillis()));
        player.output().write(sent);
        player.output().flush();
        byte[] received = new byte[sent.length];
        try {
            new DataInputStream(player.input()).readFully(received);
        } catch (EOFException e) {
            throw new AssertionError("the player's connection closed before the echo of \"" + text + "\"", e);
        }
        assertArrayEquals(sent, received, () -> "echoed: " + new String(received, UTF_8));
    }

    private String createGameSession() throws Exception {
        return call("CreateGameSession", "{\"FleetId\": \"fleet-local\", \"MaximumPlayerSessionCount\": 10}")
                .path("GameSession").path("GameSessionId").asText();
    }

    private String reservePlayer(String gameSessionId, String playerId) throws Exception {
        return call("CreatePlayerSession",
                "{\"GameSessionId\": \"" + gameSessionId + "\", \"PlayerId\": \"" + playerId + "\"}")
                .path("PlayerSession").path("PlayerSessionId").asText();
    }

    /** Calls a GameLift operation in AWS JSON 1.1, as the SDK would. */
    private JsonNode call(String operation, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/"))
                        .timeout(EXCHANGE_TIMEOUT)
                        .header("X-Amz-Target", "GameLift." + operation)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> operation + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
