package io.ticketgate.agent.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.tls.TestCertificates;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.UnauthorizedException;

/** Starts the real shaded jar, as an operator or an orchestrator would. */
@Timeout(60)
class SidecarProcessIT {

    private static final long EXIT_WAIT_SECONDS = 20;

    @TempDir
    Path workingDirectory;

    private final List<Process> processes = new ArrayList<>();
    private final List<ServerSocket> sockets = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (ServerSocket socket : sockets) {
            socket.close();
        }
    }

    /** A finished run: exit status and what it printed. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = SidecarJar.command(workingDirectory, List.of(), List.of(args))
                .redirectOutput(workingDirectory.resolve("stdout.txt").toFile())
                .redirectError(workingDirectory.resolve("stderr.txt").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private Run finish(Process process) throws Exception {
        assertTrue(process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS), "the sidecar did not exit");
        return new Run(process.exitValue(), Files.readString(workingDirectory.resolve("stdout.txt")),
                Files.readString(workingDirectory.resolve("stderr.txt")));
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return finish(start(env, args));
    }

    private static void assertCannotStart(Run run, String line) {
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("ticketgate: " + line + System.lineSeparator(), run.stderr());
        assertFalse(run.stdout().contains("Exception") || run.stdout().contains("\tat "), run.stdout());
    }

    private ServerSocket listening() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        return socket;
    }

    @Test
    void aBadFlagExitsTwoWithOneLine() throws Exception {
        assertCannotStart(run(Map.of(), "--player-port", "abc"),
                "--player-port must be a port number 0..65535, was \"abc\"");
    }

    @Test
    void anUnknownFlagExitsTwo() throws Exception {
        assertCannotStart(run(Map.of(), "--player-prot=7777"), "unknown setting --player-prot (see --help)");
    }

    @Test
    void aBadVariableExitsTwo() throws Exception {
        assertCannotStart(run(Map.of("TICKETGATE_RETENTION", "forever")),
                "TICKETGATE_RETENTION must be a positive duration such as 500ms, 60s, 5m or 30d, was \"forever\"");
    }

    @Test
    void anUnknownConfigKeyExitsTwo() throws Exception {
        Files.writeString(workingDirectory.resolve("typo.conf"), "ticketgate {\n  upstrem = \"game:7000\"\n}\n");
        assertCannotStart(run(Map.of(), "--config", "typo.conf"),
                "unknown setting \"upstrem\" in typo.conf:2 (see --help)");
    }

    @Test
    void noUpstreamExitsTwo() throws Exception {
        Files.writeString(workingDirectory.resolve("bare.conf"), "ticketgate { }\n");
        assertCannotStart(run(Map.of(), "--config", "bare.conf"),
                "no upstream game server: give --upstream HOST:PORT, TICKETGATE_UPSTREAM, or upstream in bare.conf");
    }

    @Test
    void anUnresolvableUpstreamExitsTwo() throws Exception {
        assertCannotStart(run(Map.of(), "--upstream", "no-such-host.invalid:7000"),
                "the upstream game server's host \"no-such-host.invalid\" cannot be resolved");
    }

    @Test
    void aPlayerPortInUseExitsTwo() throws Exception {
        int taken = listening().getLocalPort();
        Run run = run(Map.of(), "--player-bind", "127.0.0.1", "--player-port", String.valueOf(taken),
                "--control-port", "0");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("ticketgate: cannot listen for players on 127.0.0.1:" + taken + ": "),
                run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertFalse(run.stdout().contains("\tat "), run.stdout());
    }

    @Test
    void aControlPortInUseExitsTwo() throws Exception {
        int taken = listening().getLocalPort();
        Run run = run(Map.of(), "--player-port", "0", "--control-port", String.valueOf(taken));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().startsWith("ticketgate: cannot serve the control API on 127.0.0.1:" + taken + ": "),
                run.stderr());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
    }

    @Test
    void aControlBindBeyondLoopbackWithoutCredentialsExitsTwo() throws Exception {
        assertCannotStart(run(Map.of(), "--player-port", "0", "--control-port", "0", "--control-bind", "0.0.0.0"),
                "the control API would listen on 0.0.0.0, which is not loopback, without credentials: give"
                        + " --control-access-key with --control-secret-key-file, or --control-credentials-file,"
                        + " or else --control-allow-unauthenticated");
    }

    @Test
    void allowUnauthenticatedStartsBeyondLoopbackAndSaysSo() throws Exception {
        ServerSocket gameServer = listening();
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(Map.of(), "--upstream", "127.0.0.1:" + gameServer.getLocalPort(),
                "--player-port", "0", "--control-port", String.valueOf(controlPort), "--control-bind", "0.0.0.0",
                "--control-allow-unauthenticated", "--drain-timeout", "0s");
        SidecarJar.awaitReady(sidecar, controlPort);
        sidecar.destroy();
        Run run = finish(sidecar);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("Control API authentication: UNAUTHENTICATED on 0.0.0.0, as allowed"
                + " explicitly"), run.stdout());
    }

    @Test
    void secretsAreUsedButNeverPrinted() throws Exception {
        String secret = "sidecar-secret-" + UUID.randomUUID();
        String token = "sidecar-token-" + UUID.randomUUID();
        String upstreamSecret = "upstream-secret-" + UUID.randomUUID();
        Files.writeString(workingDirectory.resolve("secret.txt"), secret + "\n");
        Files.writeString(workingDirectory.resolve("upstream.txt"), upstreamSecret + "\n");
        Files.setPosixFilePermissions(workingDirectory.resolve("upstream.txt"),
                PosixFilePermissions.fromString("rw-------"));
        Files.writeString(workingDirectory.resolve("keys.txt"), "# old key, retired next week\nAKIDOLD " + secret
                + "-old\n");
        Files.writeString(workingDirectory.resolve("token.txt"), token);
        Files.setPosixFilePermissions(workingDirectory.resolve("secret.txt"),
                PosixFilePermissions.fromString("rw-r--r--"));
        ServerSocket gameServer = listening();
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(Map.of("TICKETGATE_CONTROL_SECRET_KEY_FILE", "secret.txt"),
                "--upstream", "127.0.0.1:" + gameServer.getLocalPort(), "--player-port", "0",
                "--control-port", String.valueOf(controlPort), "--control-access-key", "AKIDSIDECAR",
                "--control-credentials-file", "keys.txt", "--local-api-token-file", "token.txt",
                "--upstream-secret-file", "upstream.txt", "--drain-timeout", "0s", "--log-format", "json");
        SidecarJar.awaitReady(sidecar, controlPort);
        try (GameLiftClient right = SidecarJar.gameLift(controlPort, "AKIDSIDECAR", secret);
                GameLiftClient old = SidecarJar.gameLift(controlPort, "AKIDOLD", secret + "-old");
                GameLiftClient wrong = SidecarJar.gameLift(controlPort, "AKIDSIDECAR", secret + "x")) {
            right.createGameSession(request -> request.fleetId("fleet-local").maximumPlayerSessionCount(2));
            old.describeGameSessions(request -> request.fleetId("fleet-local"));
            UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                    () -> wrong.describeGameSessions(request -> request.fleetId("fleet-local")));
            assertFalse(refused.getMessage().contains(secret), refused.getMessage());
        }
        sidecar.destroy();
        Run run = finish(sidecar);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("the secret file secret.txt can be read by users other than its owner"),
                run.stdout());
        assertTrue(run.stdout().contains("GameLift operations need an AWS SigV4 signature (2 key pairs);"
                + " local API needs its bearer token"), run.stdout());
        assertTrue(run.stdout().contains("(proxy-v2, signed)"), run.stdout());
        assertFalse(run.stdout().contains("upstream.txt can be read"), run.stdout());
        for (String output : List.of(run.stdout(), run.stderr(), run(Map.of(), "--help").stdout())) {
            assertFalse(output.contains(secret), output);
            assertFalse(output.contains(token), output);
            assertFalse(output.contains(upstreamSecret), output);
        }
    }

    /** The fixed start of a PROXY v2 header: its signature. */
    private static final byte[] PROXY_V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49,
        0x54, 0x0A};

    @Test
    void withTlsFlagsATlsPlayerIsPipedAndTheControlApiSpeaksHttps() throws Exception {
        TestCertificates certificates = TestCertificates.in(workingDirectory);
        certificates.issue("agent");
        SSLContext tls = certificates.clientContext();
        ServerSocket game = listening();
        game.setSoTimeout(10_000);
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(Map.of(), "--upstream", "127.0.0.1:" + game.getLocalPort(), "--player-port", "0",
                "--player-bind", "127.0.0.1", "--control-port", String.valueOf(controlPort),
                "--player-tls-cert", "agent.pem", "--player-tls-key", "agent.key",
                "--control-tls-cert", "agent.pem", "--control-tls-key", "agent.key", "--drain-timeout", "0s");
        SidecarJar.awaitReady(sidecar, URI.create("https://127.0.0.1:" + controlPort + "/readyz"), tls);
        try (GameLiftClient client = GameLiftClient.builder()
                .endpointOverride(URI.create("https://127.0.0.1:" + controlPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(certificates::trustManagers).build())
                .build()) {
            String gameSessionId = client.createGameSession(request -> request.fleetId("fleet-local")
                    .maximumPlayerSessionCount(2)).gameSession().gameSessionId();
            String playerSessionId = client.createPlayerSession(request -> request.gameSessionId(gameSessionId)
                    .playerId("player-1")).playerSession().playerSessionId();
            int playerPort = client.describeGameSessions(request -> request.gameSessionId(gameSessionId))
                    .gameSessions().get(0).port();

            try (TgtConnection player = TgtClient.connect("127.0.0.1", playerPort, playerSessionId,
                    TgtClient.Options.defaults().withTls(tls));
                    Socket upstream = game.accept()) {
                assertEquals(ResultCode.ACCEPTED, player.code());
                assertArrayEquals(PROXY_V2_SIGNATURE, upstream.getInputStream().readNBytes(12));
            }
        }
        sidecar.destroy();
        Run run = finish(sidecar);
        assertTrue(run.stdout().contains("on https://127.0.0.1:" + controlPort + "/"), run.stdout());
        assertTrue(run.stdout().contains(", TLS), fleet"), run.stdout());
    }

    @Test
    void aTlsCertificateThatDoesNotLoadExitsTwoWithOneLine() throws Exception {
        TestCertificates.in(workingDirectory).issue("agent");
        Files.writeString(workingDirectory.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        Run run = run(Map.of(), "--player-port", "0", "--control-port", "0",
                "--player-tls-cert", "broken.pem", "--player-tls-key", "agent.key");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().startsWith("ticketgate: cannot load the player port's TLS certificate "), run.stderr());
        assertTrue(run.stderr().strip().endsWith("(check --player-tls-cert and --player-tls-key)"), run.stderr());
        assertFalse(run.stdout().contains("\tat "), run.stdout());
    }

    @Test
    void helpListsEverySettingAndExitsZero() throws Exception {
        Run run = run(Map.of(), "--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (Setting setting : Setting.values()) {
            assertTrue(run.stdout().contains(setting.flag()), setting.flag());
            assertTrue(run.stdout().contains(setting.envVar()), setting.envVar());
        }
    }

    @Test
    void versionPrintsTheProjectVersionAndExitsZero() throws Exception {
        Run run = run(Map.of(), "--version");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("ticketgate " + System.getProperty("ticketgate.version") + System.lineSeparator(), run.stdout());
    }

    @Test
    void sigtermDrainsAndExitsZero() throws Exception {
        ServerSocket gameServer = listening();
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(Map.of(), "--upstream", "127.0.0.1:" + gameServer.getLocalPort(),
                "--player-port", "0", "--control-port", String.valueOf(controlPort), "--drain-timeout", "1s");
        SidecarJar.awaitReady(sidecar, controlPort);

        sidecar.destroy();   // SIGTERM on Linux

        // The signal lands asynchronously: readiness stays 200 until the JVM has handled it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        int status;
        while ((status = SidecarJar.readyz(controlPort)) == 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(status == 503 || status == -1, "readiness after SIGTERM: " + status);
        Run run = finish(sidecar);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("Ticketgate agent stopped"), run.stdout());
    }

    @Test
    void jsonLogFormatWritesOneJsonObjectPerLine() throws Exception {
        ServerSocket gameServer = listening();
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(Map.of("TICKETGATE_LOG_FORMAT", "json"),
                "--upstream", "127.0.0.1:" + gameServer.getLocalPort(), "--player-port", "0",
                "--control-port", String.valueOf(controlPort), "--drain-timeout", "0s");
        SidecarJar.awaitReady(sidecar, controlPort);
        sidecar.destroy();
        Run run = finish(sidecar);
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.stdout().lines().toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(line.startsWith("{\"timestamp\":") && line.endsWith("}"), line);
        }
        assertTrue(run.stdout().contains("\"loggerName\":\"io.ticketgate.agent.launcher.Sidecar\""), run.stdout());
        assertEquals("", new String(run.stderr().getBytes(UTF_8), UTF_8));
    }
}
