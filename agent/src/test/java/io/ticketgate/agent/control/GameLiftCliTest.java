package io.ticketgate.agent.control;

import static io.ticketgate.agent.control.GameLiftAssertions.assertCloseToNow;
import static io.ticketgate.agent.control.SdkAgent.FLEET_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.GameSession;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.RequiredTool;
import io.ticketgate.agent.TicketgateAgent;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (Python, botocore) works against the control API unchanged: it signs with the
 * agent's key pair, parses what the agent returns, raises the modelled error, and resumes a
 * truncated walk with its own tokens. Skipped where the CLI is not installed, except on CI,
 * which installs it.
 */
@Timeout(120)
class GameLiftCliTest {

    private static final JsonMapper JSON = new JsonMapper();

    private static TicketgateAgent agent;

    @TempDir
    Path outputs;

    @BeforeAll
    static void startAgent() {
        boolean installed = awsOnPath();
        RequiredTool.require(installed, "aws-cli is not installed (no aws on PATH; apt-get install awscli)");
        agent = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .controlCredentials(SdkAgent.ACCESS_KEY_ID, SdkAgent.SECRET_KEY)
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.stop();
        }
    }

    @Test
    void describePlayerSessionsListsTheSessions() throws Exception {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(5).build());
        List<PlayerSession> reserved = agent.reservePlayerSessions(game.gameSessionId(), List.of("p1", "p2", "p3"),
                Map.of("p2", "two"));

        Result result = aws("describe-player-sessions", "--game-session-id", game.gameSessionId());

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode sessions = JSON.readTree(result.stdout()).get("PlayerSessions");
        assertEquals(3, sessions.size(), result.stdout());
        for (int i = 0; i < 3; i++) {
            JsonNode session = sessions.get(i);
            assertEquals(reserved.get(i).playerSessionId(), session.get("PlayerSessionId").asText());
            assertEquals("p" + (i + 1), session.get("PlayerId").asText());
            assertEquals(game.gameSessionId(), session.get("GameSessionId").asText());
            assertEquals(FLEET_ARN, session.get("FleetArn").asText());
            assertEquals("RESERVED", session.get("Status").asText());
            assertEquals(agent.playerPort(), session.get("Port").asInt());
            assertCloseToNow(timestamp(session.get("CreationTime")));
        }
        assertEquals("two", sessions.get(1).get("PlayerData").asText());
        assertTrue(sessions.get(0).path("PlayerData").isMissingNode());
    }

    @Test
    void createPlayerSessionReservesASlot() throws Exception {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(2).build());

        Result result = aws("create-player-session", "--game-session-id", game.gameSessionId(),
                "--player-id", "cli-player", "--player-data", "{\"team\":\"blue\"}");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode session = JSON.readTree(result.stdout()).get("PlayerSession");
        String playerSessionId = session.get("PlayerSessionId").asText();
        assertEquals("cli-player", session.get("PlayerId").asText());
        assertEquals("{\"team\":\"blue\"}", session.get("PlayerData").asText());
        assertEquals("RESERVED", session.get("Status").asText());
        assertEquals(PlayerSessionStatus.RESERVED, agent.playerSession(playerSessionId).orElseThrow().status());
        assertEquals(1, agent.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    @Test
    void anUnknownGameSessionIsANotFoundException() throws Exception {
        String unknown = "arn:aws:gamelift:local::gamesession/fleet-local/no-such-game";

        Result result = aws("create-player-session", "--game-session-id", unknown, "--player-id", "p1");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("NotFoundException"), result.stderr());
        assertTrue(result.stderr().contains(unknown), result.stderr());
    }

    @Test
    void aWalkCutAtMaxItemsResumesWhereItStopped() throws Exception {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(60).build());
        List<String> created = new ArrayList<>();
        for (int from = 0; from < 57; from += 25) {
            List<String> players = IntStream.range(from, Math.min(57, from + 25)).mapToObj(i -> "p" + i).toList();
            agent.reservePlayerSessions(game.gameSessionId(), players, Map.of()).stream()
                    .map(PlayerSession::playerSessionId).forEach(created::add);
        }

        // --max-items 25 with pages of 10 stops mid-page; the CLI's resume token re-presents the
        // agent's NextToken for that page and skips what it already printed.
        List<String> walked = new ArrayList<>();
        String startingToken = null;
        int calls = 0;
        do {
            List<String> command = new ArrayList<>(List.of("describe-player-sessions",
                    "--game-session-id", game.gameSessionId(), "--max-items", "25", "--page-size", "10"));
            if (startingToken != null) {
                command.addAll(List.of("--starting-token", startingToken));
            }
            Result result = aws(command.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.stderr());
            JsonNode output = JSON.readTree(result.stdout());
            output.get("PlayerSessions").forEach(session -> walked.add(session.get("PlayerSessionId").asText()));
            startingToken = output.hasNonNull("NextToken") ? output.get("NextToken").asText() : null;
            calls++;
        } while (startingToken != null && calls < 10);

        assertEquals(3, calls);
        assertEquals(created, walked);
    }

    @Test
    void aWrongSecretIsUnauthorizedAndCreatesNothing() throws Exception {
        GameSession game = agent.createGameSession(CreateGameSessionRequest.builder(2).build());

        Result result = signedWith(SdkAgent.SECRET_KEY + "-wrong", "create-player-session", "--game-session-id",
                game.gameSessionId(), "--player-id", "intruder");

        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("UnauthorizedException"), result.stderr());
        assertTrue(result.stderr().contains("signature mismatch"), result.stderr());
        assertEquals(0, agent.gameSession(game.gameSessionId()).orElseThrow().currentPlayerSessionCount());
    }

    /** aws-cli v1 prints timestamps as the service sent them (epoch seconds), v2 as ISO 8601. */
    private static Instant timestamp(JsonNode value) {
        if (value.isNumber()) {
            return Instant.ofEpochMilli(Math.round(value.doubleValue() * 1000));
        }
        return OffsetDateTime.parse(value.asText()).toInstant();
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private Result aws(String... gameliftArguments) throws IOException, InterruptedException {
        return signedWith(SdkAgent.SECRET_KEY, gameliftArguments);
    }

    private Result signedWith(String secretKey, String... gameliftArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "gamelift"));
        command.addAll(List.of(gameliftArguments));
        command.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + agent.controlPort(),
                "--region", "us-east-1", "--output", "json"));
        File stdout = Files.createTempFile(outputs, "aws", ".out").toFile();
        File stderr = Files.createTempFile(outputs, "aws", ".err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout)
                .redirectError(stderr);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", SdkAgent.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", secretKey);
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        environment.put("AWS_PAGER", "");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aws " + String.join(" ", gameliftArguments) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout.toPath(), StandardCharsets.UTF_8),
                Files.readString(stderr.toPath(), StandardCharsets.UTF_8));
    }

    private static boolean awsOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "aws"))) {
                return true;
            }
        }
        return false;
    }
}
