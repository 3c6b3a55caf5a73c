package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.control.auth.AccessKey;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.fleet.FleetSettings;
import io.ticketgate.agent.proxy.UpstreamPrelude;
import io.ticketgate.agent.runtime.DataSettings;
import io.ticketgate.agent.proxy.UpstreamSecret;
import io.ticketgate.agent.tls.TlsFiles;
import io.ticketgate.agent.tls.TlsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SettingsReaderTest {

    @TempDir
    Path dir;

    private SidecarSettings read(Map<String, String> env, String... args) throws SettingsException {
        return new SettingsReader(env, dir).read(CommandLine.parse(args));
    }

    private String error(Map<String, String> env, String... args) {
        return assertThrows(SettingsException.class, () -> read(env, args)).getMessage();
    }

    private void writeConfig(String text) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve(SettingsReader.DEFAULT_CONFIG_FILE), text);
    }

    @Test
    void withoutAConfigFileTheBuiltInOneGivesTheDefaults() throws Exception {
        SidecarSettings settings = read(Map.of());
        assertEquals("127.0.0.1", settings.upstreamHost());
        assertEquals(7000, settings.upstreamPort());
        assertEquals(SidecarSettings.DEFAULT_UPSTREAM_PRELUDE, settings.upstreamPrelude());
        assertEquals(SidecarSettings.DEFAULT_UPSTREAM_CONNECT_TIMEOUT, settings.upstreamConnectTimeout());
        assertEquals(7777, settings.playerPort());
        assertEquals("0.0.0.0", settings.playerBind());
        assertEquals(9080, settings.controlPort());
        assertEquals("127.0.0.1", settings.controlBind());
        assertEquals(Duration.ofSeconds(60), settings.reservationTimeout());
        assertEquals(Duration.ofSeconds(5), settings.handshakeTimeout());
        assertEquals(Duration.ofDays(30), settings.retention());
        assertEquals("fleet-local", settings.fleetId());
        assertEquals("127.0.0.1", settings.advertiseIp());
        assertNull(settings.advertiseDns());
        assertEquals(0, settings.advertisePort(), "0: the bound player port");
        assertEquals(GameSessionActivation.AUTO, settings.gameSessionActivation());
        assertEquals(Duration.ofSeconds(30), settings.drainTimeout());
        assertEquals(LogFormat.TEXT, settings.logFormat());
        assertNull(settings.configFile());
    }

    @Test
    void theShippedConfigFileSaysWhatTheDefaultsSay() throws Exception {
        // Maven runs the tests in agent/: the repository's config/ is one level up.
        Path shipped = Path.of("..", SettingsReader.DEFAULT_CONFIG_FILE).toAbsolutePath().normalize();
        SidecarSettings fromFile = new SettingsReader(Map.of(), shipped.getParent().getParent())
                .read(CommandLine.parse());
        assertEquals(read(Map.of()), withConfigFile(fromFile, null));
    }

    @Test
    void configFileInTheWorkingDirectoryIsRead() throws Exception {
        writeConfig("ticketgate { upstream = \"game:7100\", player-port = 7800 }");
        SidecarSettings settings = read(Map.of());
        assertEquals("game", settings.upstreamHost());
        assertEquals(7800, settings.playerPort());
        assertEquals(dir.resolve(SettingsReader.DEFAULT_CONFIG_FILE), settings.configFile());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        writeConfig("ticketgate { upstream = \"file:1\"\n player-port = 1000\n handshake-timeout = 1s }");
        Map<String, String> env = Map.of("TICKETGATE_PLAYER_PORT", "2000", "TICKETGATE_UPSTREAM", "env:2");
        SidecarSettings settings = read(env, "--player-port", "3000");
        assertEquals(3000, settings.playerPort());
        assertEquals("env", settings.upstreamHost());
        assertEquals(Duration.ofSeconds(1), settings.handshakeTimeout());
        assertEquals(2000, read(env).playerPort());
        assertEquals(1000, read(Map.of()).playerPort());
    }

    @Test
    void configFlagAndVariableNameAnotherFile() throws Exception {
        Files.writeString(dir.resolve("other.conf"), "ticketgate { upstream = \"other:7001\" }");
        assertEquals("other", read(Map.of(), "--config", "other.conf").upstreamHost());
        assertEquals("other", read(Map.of("TICKETGATE_CONFIG", "other.conf")).upstreamHost());
    }

    @Test
    void everyFlagIsParsed() throws Exception {
        for (String file : List.of("p.pem", "p.key", "c.pem", "c.key")) {
            Files.writeString(dir.resolve(file), "PEM");
        }
        SidecarSettings settings = read(Map.of(),
                "--player-tls-cert", "p.pem", "--player-tls-key", "p.key",
                "--control-tls-cert", "c.pem", "--control-tls-key", "c.key",
                "--upstream", "[::1]:7100", "--upstream-prelude", "none", "--upstream-connect-timeout", "250ms",
                "--player-port", "7001", "--player-bind", "127.0.0.2", "--control-port", "9001",
                "--control-bind", "0.0.0.0", "--control-allow-unauthenticated", "--reservation-timeout", "2m", "--handshake-timeout", "3s",
                "--retention", "2h", "--fleet-id", "fleet-eu-1", "--advertise-ip", "203.0.113.7",
                "--advertise-dns", "game-1.example.com", "--advertise-port", "30000",
                "--game-session-activation", "manual", "--drain-timeout", "0s", "--log-format", "json",
                "--control-header-timeout", "2s", "--control-body-timeout", "4s", "--control-idle-timeout", "90s",
                "--control-max-connections", "64", "--control-max-body-bytes", "65536",
                "--control-requests-per-second", "50", "--max-connections", "500", "--max-connections-per-ip", "5",
                "--handshakes-per-second-per-ip", "20", "--max-pending-handshakes", "300", "--data-dir", "state",
                "--max-game-sessions", "4", "--fleet-redis", "redis://cache.internal:6380/2", "--agent-id", "game-1",
                "--fleet-heartbeat-timeout", "15s");
        assertEquals(new SidecarSettings("::1", 7100, UpstreamPrelude.NONE, Duration.ofMillis(250), null,
                7001, "127.0.0.2", 500, new PlayerLimits(5, 20, 300), 9001, "0.0.0.0",
                new ControlAuthSettings(List.of(), true, null),
                new ControlLimits(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(90), 64, 65536, 50),
                Duration.ofMinutes(2), Duration.ofSeconds(3),
                Duration.ofHours(2), "fleet-eu-1", "203.0.113.7", "game-1.example.com", 30000,
                GameSessionActivation.MANUAL, Duration.ZERO, LogFormat.JSON,
                new TlsSettings(new TlsFiles(dir.resolve("p.pem"), dir.resolve("p.key")),
                        new TlsFiles(dir.resolve("c.pem"), dir.resolve("c.key"))),
                DataSettings.in(dir.resolve("state").toAbsolutePath()), 4,
                new FleetSettings("redis://cache.internal:6380/2", "fleet-eu-1", "game-1", 4, Duration.ofSeconds(15)),
                null, List.of()), settings);
    }

    @Test
    void controlLimitsDefaultAndComeFromVariablesAndTheFile() throws Exception {
        assertEquals(ControlLimits.defaults(), read(Map.of()).controlLimits());
        assertEquals(new ControlLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                512, 2 * 1024 * 1024, 1000), ControlLimits.defaults());
        assertEquals(300, read(Map.of("TICKETGATE_CONTROL_MAX_CONNECTIONS", "300")).controlLimits().maxConnections());
        assertEquals(0, read(Map.of("TICKETGATE_CONTROL_REQUESTS_PER_SECOND", "0"))
                .controlLimits().requestsPerSecond());
        Files.writeString(dir.resolve("limits.conf"),
                "ticketgate { upstream = \"g:1\", control-idle-timeout = 5m, control-body-timeout = 500ms }");
        ControlLimits fromFile = read(Map.of(), "--config", "limits.conf").controlLimits();
        assertEquals(Duration.ofMinutes(5), fromFile.idleTimeout());
        assertEquals(Duration.ofMillis(500), fromFile.bodyTimeout());
    }

    @Test
    void flagsMayBeWrittenWithEquals() throws Exception {
        SidecarSettings settings = read(Map.of(), "--player-port=7001", "--upstream=game:1", "--fleet-id=fleet-a=b");
        assertEquals(7001, settings.playerPort());
        assertEquals("game", settings.upstreamHost());
        assertEquals("fleet-a=b", settings.fleetId());
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "60s, PT60S", "5m, PT5M", "2h, PT2H", "30d, PT720H"})
    void durationsAreWrittenWithAUnit(String written, Duration expected) throws Exception {
        assertEquals(expected, read(Map.of(), "--reservation-timeout", written).reservationTimeout());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--player-port | abc | --player-port must be a port number 0..65535, was \"abc\"",
        "--player-port | 65536 | --player-port must be a port number 0..65535, was \"65536\"",
        "--player-port | -1 | --player-port must be a port number 0..65535, was \"-1\"",
        "--control-port | 9x | --control-port must be a port number 0..65535, was \"9x\"",
        "--upstream | game | --upstream must be HOST:PORT with a port 1..65535, was \"game\"",
        "--upstream | game:0 | --upstream must be HOST:PORT with a port 1..65535, was \"game:0\"",
        "--upstream | game:70000 | --upstream must be HOST:PORT with a port 1..65535, was \"game:70000\"",
        "--upstream-prelude | proxy-v1 | --upstream-prelude must be one of proxy-v2, none, was \"proxy-v1\"",
        "--reservation-timeout | 60 | --reservation-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"60\"",
        "--reservation-timeout | 0s | --reservation-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"0s\"",
        "--handshake-timeout | 5 seconds | --handshake-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"5 seconds\"",
        "--retention | -1d | --retention must be a positive duration such as 500ms, 60s, 5m or 30d, was \"-1d\"",
        "--upstream-connect-timeout | 1w | --upstream-connect-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"1w\"",
        "--drain-timeout | soon | --drain-timeout must be a duration such as 500ms, 60s, 5m or 30d, was \"soon\"",
        "--retention | 999999999999d | --retention must be at most 3650d, was \"999999999999d\"",
        "--drain-timeout | 3651d | --drain-timeout must be at most 3650d, was \"3651d\"",
        "--advertise-ip | 1.2.3 | --advertise-ip must be an IPv4 or IPv6 address, was \"1.2.3\"",
        "--advertise-ip | abc | --advertise-ip must be an IPv4 or IPv6 address, was \"abc\"",
        "--advertise-ip | :::: | --advertise-ip must be an IPv4 or IPv6 address, was \"::::\"",
        "--upstream-connect-timeout | 5s | --upstream-connect-timeout must be below 5s (the time a player waits to be admitted), was 5000ms",
        "--fleet-id | local | --fleet-id must match fleet-\\S+, was \"local\"",
        "--advertise-ip | game.example.com | --advertise-ip must be an IPv4 or IPv6 address, was \"game.example.com\"",
        "--advertise-dns | -bad | --advertise-dns must be a DNS name, was \"-bad\"",
        "--advertise-port | 0 | --advertise-port must be a port number 1..60000 (GameLift's range), was \"0\"",
        "--advertise-port | 60001 | --advertise-port must be a port number 1..60000 (GameLift's range), was \"60001\"",
        "--game-session-activation | later | --game-session-activation must be one of auto, manual, was \"later\"",
        "--log-format | xml | --log-format must be one of text, json, was \"xml\"",
        "--player-bind | '' | --player-bind must be an address to bind, was \"\"",
        "--control-header-timeout | 0s | --control-header-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"0s\"",
        "--control-body-timeout | 30 | --control-body-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"30\"",
        "--control-idle-timeout | 0ms | --control-idle-timeout must be a positive duration such as 500ms, 60s, 5m or 30d, was \"0ms\"",
        "--control-max-connections | 0 | --control-max-connections must be a number of connections 1..65536, was \"0\"",
        "--max-connections-per-ip | 0 | --max-connections-per-ip must be a number 1..1000000, was \"0\"",
        "--handshakes-per-second-per-ip | x | --handshakes-per-second-per-ip must be a number 1..1000000, was \"x\"",
        "--max-pending-handshakes | -1 | --max-pending-handshakes must be a number 1..1000000, was \"-1\"",
        "--max-connections | 2000000 | --max-connections must be a number 1..1000000, was \"2000000\"",
        "--control-max-connections | 70000 | --control-max-connections must be a number of connections 1..65536, was \"70000\"",
        "--control-max-body-bytes | 2MiB | --control-max-body-bytes must be a number of bytes 4096..67108864, was \"2MiB\"",
        "--control-max-body-bytes | 100 | --control-max-body-bytes must be a number of bytes 4096..67108864, was \"100\"",
        "--control-requests-per-second | -5 | --control-requests-per-second must be a number of requests 0..1000000 (0: no bound), was \"-5\"",
        "--max-game-sessions | -1 | --max-game-sessions must be a number 0..1000000, was \"-1\"",
    })
    void aBadValueIsOneLineNamingTheSettingAndWhatItAllows(String flag, String value, String message) {
        assertEquals(message, error(Map.of(), flag, value));
    }

    @Test
    void fleetSettingsAreCheckedAndNeedTheFleetsRedis() throws Exception {
        String must = "--fleet-redis must be redis://[user:password@]HOST:PORT[/DB], rediss://...,"
                + " redis-sentinel://HOST:PORT[,...]#MASTER or redis-cluster://HOST:PORT[,...] (";
        assertEquals(must + "not redis://, rediss://, redis-sentinel:// or redis-cluster://), was"
                + " \"http://cache:6379\"", error(Map.of(), "--fleet-redis", "http://cache:6379"));
        assertEquals(must + "not redis://, rediss://, redis-sentinel:// or redis-cluster://), was \"cache://***@h:1\"",
                error(Map.of(), "--fleet-redis", "cache://user:secret@h:1"));
        assertEquals(must + "a Sentinel URI names its sentinels and, after #, the master), was"
                + " \"redis-sentinel://s1:26379\"", error(Map.of(), "--fleet-redis", "redis-sentinel://s1:26379"));
        assertEquals("--agent-id must be 1 to 128 letters, digits, '.', '_', ':' or '-', was \"game 1\"",
                error(Map.of(), "--fleet-redis", "redis://cache:6379", "--agent-id", "game 1"));
        assertEquals("--fleet-heartbeat-timeout must be at least 3s, was 1s",
                error(Map.of(), "--fleet-redis", "redis://cache:6379", "--fleet-heartbeat-timeout", "1s"));
        assertEquals("--agent-id needs --fleet-redis: a standalone agent has no fleet",
                error(Map.of(), "--agent-id", "game-1"));
        assertEquals("TICKETGATE_FLEET_HEARTBEAT_TIMEOUT needs --fleet-redis: a standalone agent has no fleet",
                error(Map.of("TICKETGATE_FLEET_HEARTBEAT_TIMEOUT", "30s")));
        SidecarSettings defaults = read(Map.of("TICKETGATE_FLEET_REDIS", "redis://cache:6379"), "--upstream=game:1");
        assertEquals(new FleetSettings("redis://cache:6379", "fleet-local", null, 1_000, Duration.ofSeconds(10)),
                defaults.fleet());
    }

    @Test
    void aBadVariableIsNamedAsTheVariable() {
        assertEquals("TICKETGATE_PLAYER_PORT must be a port number 0..65535, was \"abc\"",
                error(Map.of("TICKETGATE_PLAYER_PORT", "abc")));
    }

    @Test
    void aBadFileValueIsNamedWithItsFileAndLine() throws Exception {
        writeConfig("ticketgate {\n  upstream = \"game:7000\"\n  handshake-timeout = 5\n}\n");
        assertEquals("handshake-timeout in config/ticketgate.conf:3 must be a positive duration such as 500ms, 60s,"
                + " 5m or 30d, was \"5\"", error(Map.of()));
    }

    @Test
    void aFlagNeedsItsValue() {
        assertEquals("--player-port needs a value: --player-port N", error(Map.of(), "--player-port"));
    }

    @Test
    void unknownFlagIsAnError() {
        assertEquals("unknown setting --player-prot (see --help)", error(Map.of(), "--player-prot", "1"));
        assertEquals("unknown setting --player-prot (see --help)", error(Map.of(), "--player-prot=1"));
    }

    @Test
    void strayArgumentsAndRepeatedFlagsAreErrors() {
        assertEquals("unexpected argument \"7777\": settings are written --name value (see --help)",
                error(Map.of(), "7777"));
        assertEquals("--player-port is given twice", error(Map.of(), "--player-port", "1", "--player-port", "2"));
    }

    @Test
    void unknownTicketgateVariableIsAnError() {
        assertEquals("unknown setting TICKETGATE_PLAYER_PROT in the environment (see --help)",
                error(Map.of("TICKETGATE_PLAYER_PROT", "1", "PATH", "/bin")));
    }

    @Test
    void unknownConfigKeyIsAnErrorWithItsLine() throws Exception {
        writeConfig("ticketgate {\n  upstream = \"game:7000\"\n  player-prot = 7777\n}\n");
        assertEquals("unknown setting \"player-prot\" in config/ticketgate.conf:3 (see --help)", error(Map.of()));
    }

    @Test
    void settingsOutsideTheTicketgateBlockAreUnknown() throws Exception {
        writeConfig("player-port = 7777\n");
        assertEquals("unknown setting \"player-port\" in config/ticketgate.conf:1 (see --help)", error(Map.of()));
    }

    @Test
    void theConfigFileCannotNameAnotherConfigFile() throws Exception {
        writeConfig("ticketgate { config = \"x.conf\" }");
        assertEquals("unknown setting \"config\" in config/ticketgate.conf:1 (see --help)", error(Map.of()));
    }

    @Test
    void noUpstreamAnywhereIsAnError() throws Exception {
        Files.writeString(dir.resolve("bare.conf"), "ticketgate { player-port = 7001 }");
        assertEquals("no upstream game server: give --upstream HOST:PORT, TICKETGATE_UPSTREAM, or upstream in bare.conf",
                error(Map.of(), "--config", "bare.conf"));
    }

    @Test
    void anUnreadableConfigFileIsAnError() {
        assertEquals("--config names a file that cannot be read: \"missing.conf\"",
                error(Map.of(), "--config", "missing.conf"));
        assertEquals("TICKETGATE_CONFIG names a file that cannot be read: \"missing.conf\"",
                error(Map.of("TICKETGATE_CONFIG", "missing.conf")));
    }

    @Test
    void aConfigFileThatDoesNotParseIsOneLine() throws Exception {
        writeConfig("ticketgate {\n  upstream = \n");
        String message = error(Map.of());
        assertTrue(message.startsWith("cannot read config file config/ticketgate.conf: "), message);
        assertTrue(!message.contains("\n"), message);
    }

    @Test
    void playerAndControlPortMustDiffer() {
        assertEquals("--player-port must differ from --control-port, both are 9000",
                error(Map.of(), "--player-port", "9000", "--control-port", "9000"));
    }

    // ---------------------------------------------------------------- the upstream secret

    @Test
    void theUpstreamSecretIsTheFilesBytesWithoutOneTrailingNewline() throws Exception {
        secretFile("upstream", "s3cret\n", "rw-------");
        assertEquals(UpstreamSecret.of("s3cret".getBytes(StandardCharsets.US_ASCII)),
                read(Map.of(), "--upstream-secret-file", "upstream").upstreamSecret());
        secretFile("upstream", "s3cret\n\n", "rw-------");
        assertEquals(UpstreamSecret.of("s3cret\n".getBytes(StandardCharsets.US_ASCII)),
                read(Map.of("TICKETGATE_UPSTREAM_SECRET_FILE", "upstream")).upstreamSecret());
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe, '\r', '\n'};
        Files.write(dir.resolve("binary"), binary);
        Files.setPosixFilePermissions(dir.resolve("binary"), PosixFilePermissions.fromString("r--------"));
        writeConfig("ticketgate { upstream = \"game:7100\", upstream-secret-file = binary }");
        SidecarSettings settings = read(Map.of());
        assertEquals(UpstreamSecret.of(new byte[] {(byte) 0xff, 0, (byte) 0xfe}), settings.upstreamSecret());
        assertEquals(settings.upstreamSecret(), settings.upstreamSettings().secret());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void withoutTheSettingHeadersAreUnsigned() throws Exception {
        assertNull(read(Map.of()).upstreamSettings().secret());
    }

    @Test
    void anEmptyOrUnreadableUpstreamSecretFileStopsStartUp() throws Exception {
        assertEquals("--upstream-secret-file names a file that cannot be read: \"missing\"",
                error(Map.of(), "--upstream-secret-file", "missing"));
        secretFile("empty", "", "rw-------");
        assertEquals("--upstream-secret-file names an empty file: \"empty\"",
                error(Map.of(), "--upstream-secret-file", "empty"));
        secretFile("newline", "\n", "rw-------");
        assertEquals("TICKETGATE_UPSTREAM_SECRET_FILE names an empty file: \"newline\"",
                error(Map.of("TICKETGATE_UPSTREAM_SECRET_FILE", "newline")));
        assertEquals("--upstream-secret-file names a file that cannot be read: \".\"",
                error(Map.of(), "--upstream-secret-file", "."));
        Files.write(dir.resolve("huge"), new byte[SecretFile.MAX_BYTES + 1]);
        assertEquals("--upstream-secret-file names a file larger than 1024 KiB: \"huge\"",
                error(Map.of(), "--upstream-secret-file", "huge"));
    }

    @Test
    void anUpstreamSecretNeedsTheProxyHeader() throws Exception {
        secretFile("upstream", "s3cret", "rw-------");
        assertEquals("--upstream-secret-file signs the PROXY v2 header, so it needs --upstream-prelude proxy-v2",
                error(Map.of(), "--upstream-secret-file", "upstream", "--upstream-prelude", "none"));
    }

    @Test
    void anUpstreamSecretFileOthersMayReadIsAWarningThatNeverQuotesIt() throws Exception {
        secretFile("upstream", "do-not-print-me", "rw-r-----");
        SidecarSettings settings = read(Map.of(), "--upstream-secret-file", "upstream");
        assertEquals(List.of("the secret file upstream can be read by users other than its owner; chmod 600 it"),
                settings.warnings());
        assertFalse(settings.toString().contains("do-not-print-me"), settings.toString());
    }

    // ---------------------------------------------------------------- control API authentication

    private Path secretFile(String name, String content, String permissions) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aKeyPairIsAnAccessKeyIdAndAFileHoldingItsSecret() throws Exception {
        secretFile("secret", "wJalr/K7+EXAMPLE\n", "rw-------");
        SidecarSettings settings = read(Map.of(), "--control-access-key", "AKID1", "--control-secret-key-file", "secret");
        assertEquals(List.of(new AccessKey("AKID1", "wJalr/K7+EXAMPLE")), settings.controlAuth().accessKeys());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void aCredentialsFileGivesSeveralKeyPairsBesideTheFlags() throws Exception {
        secretFile("secret", "first-secret", "rw-------");
        secretFile("keys", "# rotation: old and new\n\nAKID2  second-secret\n  AKID3\tthird-secret  \n", "r--------");
        SidecarSettings settings = read(Map.of("TICKETGATE_CONTROL_CREDENTIALS_FILE", "keys"),
                "--control-access-key", "AKID1", "--control-secret-key-file", "secret");
        assertEquals(List.of(new AccessKey("AKID1", "first-secret"), new AccessKey("AKID2", "second-secret"),
                new AccessKey("AKID3", "third-secret")), settings.controlAuth().accessKeys());
    }

    @Test
    void aBadCredentialsLineIsNamedByNumberNeverQuoted() throws Exception {
        secretFile("keys", "AKID1 secret-one\nAKID2 secret two\n", "rw-------");
        String message = error(Map.of(), "--control-credentials-file", "keys");
        assertEquals("--control-credentials-file: line 2 of keys is not ACCESS_KEY_ID SECRET", message);
    }

    @Test
    void anAccessKeyIdGivenTwiceIsAnError() throws Exception {
        secretFile("keys", "AKID1 one\nAKID1 two\n", "rw-------");
        assertEquals("--control-credentials-file: the access key id AKID1 is in keys twice",
                error(Map.of(), "--control-credentials-file", "keys"));
    }

    @Test
    void anAccessKeyNeedsItsSecretFile() {
        assertEquals("--control-access-key and --control-secret-key-file go together: give both or neither",
                error(Map.of(), "--control-access-key", "AKID1"));
        assertEquals("--control-secret-key-file names a file that cannot be read: \"missing\"",
                error(Map.of(), "--control-access-key", "AKID1", "--control-secret-key-file", "missing"));
    }

    @Test
    void aSecretFileOthersMayReadIsAWarningThatNeverQuotesIt() throws Exception {
        secretFile("secret", "do-not-print-me", "rw-r--r--");
        SidecarSettings settings = read(Map.of(), "--control-access-key", "AKID1", "--control-secret-key-file", "secret");
        assertEquals(List.of("the secret file secret can be read by users other than its owner; chmod 600 it"),
                settings.warnings());
    }

    @Test
    void aControlBindBeyondLoopbackNeedsCredentialsOrExplicitConsent() throws Exception {
        assertEquals("the control API would listen on 0.0.0.0, which is not loopback, without credentials: give"
                + " --control-access-key with --control-secret-key-file, or --control-credentials-file, or else"
                + " --control-allow-unauthenticated", error(Map.of(), "--control-bind", "0.0.0.0"));
        assertTrue(read(Map.of(), "--control-bind", "0.0.0.0", "--control-allow-unauthenticated")
                .controlAuth().allowUnauthenticated());
        assertTrue(read(Map.of("TICKETGATE_CONTROL_ALLOW_UNAUTHENTICATED", "true"), "--control-bind", "0.0.0.0")
                .controlAuth().allowUnauthenticated());
        writeConfig("ticketgate { upstream = \"game:7100\", control-bind = \"0.0.0.0\", control-allow-unauthenticated = true }");
        assertTrue(read(Map.of()).controlAuth().allowUnauthenticated());
        assertEquals("--control-allow-unauthenticated must be true or false, was \"yes\"",
                error(Map.of(), "--control-allow-unauthenticated=yes"));
        assertTrue(error(Map.of(), "--control-allow-unauthenticated=false")
                .startsWith("the control API would listen on 0.0.0.0, which is not loopback"), "the flag beats the file");
    }

    @Test
    void aControlBindBeyondLoopbackWithAKeyPairStarts() throws Exception {
        secretFile("secret", "s", "rw-------");
        SidecarSettings settings = read(Map.of(), "--control-bind", "0.0.0.0",
                "--control-access-key", "AKID1", "--control-secret-key-file", "secret");
        assertTrue(settings.controlAuth().signatureRequired());
        assertFalse(settings.controlAuth().allowUnauthenticated());
    }

    @Test
    void theLocalApiTokenIsReadFromItsFile() throws Exception {
        secretFile("token", "tok-123\n", "rw-------");
        assertEquals("tok-123", read(Map.of(), "--local-api-token-file", "token").controlAuth().localApiToken());
        secretFile("spaced", "tok 123\n", "rw-------");
        assertEquals("--local-api-token-file must name a file holding the token alone, on one line, without"
                + " spaces: \"spaced\"", error(Map.of(), "--local-api-token-file", "spaced"));
    }

    @Test
    void noSecretIsShownBySettings() throws Exception {
        secretFile("secret", "do-not-print-me", "rw-------");
        secretFile("token", "token-not-to-print", "rw-------");
        SidecarSettings settings = read(Map.of(), "--control-access-key", "AKID1", "--control-secret-key-file", "secret",
                "--local-api-token-file", "token");
        assertFalse(settings.toString().contains("do-not-print-me"), settings.toString());
        assertFalse(settings.toString().contains("token-not-to-print"), settings.toString());
    }

    @Test
    void helpNamesEverySettingWithItsVariableAndDefault() throws Exception {
        assertTrue(CommandLine.parse("--player-port", "x", "--help").help());
        assertTrue(CommandLine.parse("--nonsense", "--version").version());
        String help = Sidecar.help();
        for (Setting setting : Setting.values()) {
            assertTrue(help.contains(setting.usage()), setting.flag());
            assertTrue(help.contains("env " + setting.envVar() + ", default " + setting.defaultText()), setting.envVar());
        }
        assertTrue(help.contains("env TICKETGATE_RETENTION, default 30d"), help);
        assertTrue(help.contains("env TICKETGATE_UPSTREAM_PRELUDE, default proxy-v2"), help);
    }

    @Test
    void tlsIsOffUnlessBothFilesOfAPortAreGiven() throws Exception {
        assertEquals(TlsSettings.NONE, read(Map.of()).tls());
        Files.writeString(dir.resolve("agent.pem"), "PEM");
        assertEquals("--player-tls-cert and --player-tls-key go together: give both or neither",
                error(Map.of(), "--player-tls-cert", "agent.pem"));
        assertEquals("--control-tls-cert and --control-tls-key go together: give both or neither",
                error(Map.of("TICKETGATE_CONTROL_TLS_KEY", "agent.pem")));
    }

    @Test
    void tlsFilesComeFromTheEnvironmentAndTheConfigFileToo() throws Exception {
        Files.writeString(dir.resolve("agent.pem"), "PEM");
        Files.writeString(dir.resolve("agent.key"), "KEY");
        writeConfig("ticketgate { upstream = \"127.0.0.1:7000\", control-tls-cert = agent.pem, control-tls-key = agent.key }");
        SidecarSettings settings = read(Map.of("TICKETGATE_PLAYER_TLS_CERT", "agent.pem",
                "TICKETGATE_PLAYER_TLS_KEY", "agent.key"));
        TlsFiles files = new TlsFiles(dir.resolve("agent.pem"), dir.resolve("agent.key"));
        assertEquals(new TlsSettings(files, files), settings.tls());
    }

    @Test
    void theDataDirIsMemoryOnlyByDefaultAndMustNotBeAFile() throws Exception {
        assertEquals(DataSettings.MEMORY_ONLY, read(Map.of("TICKETGATE_UPSTREAM", "127.0.0.1:7000")).data());
        assertEquals(dir.resolve("from-env").toAbsolutePath(), read(Map.of("TICKETGATE_UPSTREAM", "127.0.0.1:7000",
                "TICKETGATE_DATA_DIR", "from-env")).data().directory());
        Files.writeString(dir.resolve("a-file"), "");
        assertEquals("--data-dir must name a directory; \"a-file\" is a file",
                error(Map.of(), "--upstream", "127.0.0.1:7000", "--data-dir", "a-file"));
    }

    @Test
    void anUnreadableTlsFileIsNamed() throws Exception {
        Files.writeString(dir.resolve("agent.pem"), "PEM");
        assertEquals("--player-tls-key names a file that cannot be read: \"missing.key\"",
                error(Map.of(), "--player-tls-cert", "agent.pem", "--player-tls-key", "missing.key"));
        assertEquals("TICKETGATE_CONTROL_TLS_CERT names a file that cannot be read: \"nowhere.pem\"",
                error(Map.of("TICKETGATE_CONTROL_TLS_CERT", "nowhere.pem", "TICKETGATE_CONTROL_TLS_KEY", "agent.pem")));
    }

    private static SidecarSettings withConfigFile(SidecarSettings s, Path file) {
        return new SidecarSettings(s.upstreamHost(), s.upstreamPort(), s.upstreamPrelude(), s.upstreamConnectTimeout(),
                s.upstreamSecret(), s.playerPort(), s.playerBind(), s.maxConnections(), s.playerLimits(), s.controlPort(),
                s.controlBind(), s.controlAuth(), s.controlLimits(),
                s.reservationTimeout(), s.handshakeTimeout(), s.retention(), s.fleetId(), s.advertiseIp(),
                s.advertiseDns(), s.advertisePort(), s.gameSessionActivation(), s.drainTimeout(), s.logFormat(), s.tls(), s.data(),
                s.maxGameSessions(), s.fleet(), file,
                s.warnings());
    }
}
