package io.ticketgate.agent.launcher;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.control.auth.AccessKey;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.fleet.FleetSettings;
import io.ticketgate.agent.proxy.UpstreamPrelude;
import io.ticketgate.agent.proxy.UpstreamSecret;
import io.ticketgate.agent.runtime.AgentDefaults;
import io.ticketgate.agent.runtime.DataSettings;
import io.ticketgate.agent.tls.TlsFiles;
import io.ticketgate.agent.tls.TlsSettings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the sidecar's settings: each from its flag, else its environment variable, else the
 * config file, else its default. Anything unknown or malformed is a {@link SettingsException}
 * whose message names the setting as the operator wrote it ({@code --player-port},
 * {@code TICKETGATE_PLAYER_PORT} or {@code player-port in FILE:LINE}) and what is allowed.
 */
final class SettingsReader {

    static final String DEFAULT_CONFIG_FILE = "config/ticketgate.conf";
    /** A tuning knob, not a setting: the journal size below which the data dir is not compacted. */
    static final String COMPACT_AFTER_BYTES_PROPERTY = "ticketgate.compact-after-bytes";
    /** The shipped config file, built into the jar beside this class. */
    static final String BUILT_IN_CONFIG = "ticketgate.conf";
    /** The block of the config file that holds the settings. */
    static final String CONFIG_ROOT = "ticketgate";

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final String DURATIONS = "a duration such as 500ms, 60s, 5m or 30d";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern UPSTREAM = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]]+):(\\d{1,5})");
    private static final Pattern FLEET_ID = Pattern.compile("fleet-\\S+");
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
    private static final int MAX_ADVERTISE_PORT = 60000;
    private static final int MAX_GAME_SESSIONS = 1_000_000;
    private static final int MAX_CONTROL_CONNECTIONS = 65_536;
    /** Player-port limits: beyond a million, a limit is no limit (the process has fewer descriptors). */
    private static final int MAX_PLAYER_LIMIT = 1_000_000;
    private static final String PLAYER_LIMIT_RANGE = "a number 1.." + MAX_PLAYER_LIMIT;
    /** Below a few KiB no GameLift request with a session's data fits. */
    private static final int MIN_CONTROL_BODY_BYTES = 4096;
    /** Room for GameSessionData's 1 MiB many times over, but not a memory lever. */
    private static final int MAX_CONTROL_BODY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_REQUESTS_PER_SECOND = 1_000_000;

    private final Map<String, String> environment;
    private final Path workingDirectory;

    /**
     * @param environment the process environment (tests pass their own)
     * @param workingDirectory where a relative config file path is looked up
     */
    SettingsReader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /**
     * Returns the checked settings.
     *
     * @throws SettingsException naming the first bad setting and what it allows
     */
    SidecarSettings read(CommandLine commandLine) throws SettingsException {
        checkEnvironment();
        ConfigFile file = configFile(commandLine);
        Map<Setting, Raw> given = new EnumMap<>(Setting.class);
        given.putAll(file.values);
        for (Setting setting : Setting.values()) {
            String value = environment.get(setting.envVar());
            if (value != null) {
                given.put(setting, new Raw(value, setting.envVar()));
            }
        }
        commandLine.flags().forEach((setting, value) -> given.put(setting, new Raw(value, setting.flag())));
        Values values = new Values(given);

        Raw upstream = given.get(Setting.UPSTREAM);
        if (upstream == null) {
            throw new SettingsException("no upstream game server: give " + Setting.UPSTREAM.flag() + " HOST:PORT, "
                    + Setting.UPSTREAM.envVar() + ", or " + Setting.UPSTREAM.key() + " in " + file.name);
        }
        Matcher hostPort = UPSTREAM.matcher(upstream.text.strip());
        int upstreamPort = hostPort.matches() ? Integer.parseInt(hostPort.group(2)) : 0;
        if (upstreamPort < 1 || upstreamPort > 65535) {
            throw upstream.bad("must be HOST:PORT with a port 1..65535");
        }
        String upstreamHost = hostPort.group(1).replace("[", "").replace("]", "");

        int playerPort = values.port(Setting.PLAYER_PORT, SidecarSettings.DEFAULT_PLAYER_PORT);
        int controlPort = values.port(Setting.CONTROL_PORT, SidecarSettings.DEFAULT_CONTROL_PORT);
        if (playerPort != 0 && playerPort == controlPort) {
            Raw control = given.get(Setting.CONTROL_PORT);
            Raw player = given.get(Setting.PLAYER_PORT);
            throw new SettingsException((player != null ? player.where : Setting.PLAYER_PORT.flag())
                    + " must differ from " + (control != null ? control.where : Setting.CONTROL_PORT.flag())
                    + ", both are " + playerPort);
        }
        // Not given: 0, which the agent reads as the bound player port.
        int advertise = values.integer(Setting.ADVERTISE_PORT, 0, 1, MAX_ADVERTISE_PORT,
                "a port number 1..60000 (GameLift's range)");
        Duration connectTimeout = values.duration(Setting.UPSTREAM_CONNECT_TIMEOUT,
                SidecarSettings.DEFAULT_UPSTREAM_CONNECT_TIMEOUT, false);
        // An unreachable game server must be reported as such (UPSTREAM_UNAVAILABLE), not lose
        // the race against the agent's own admission guard and look like BUSY.
        if (connectTimeout.compareTo(AgentDefaults.ADMISSION_TIMEOUT) >= 0) {
            throw new SettingsException(Setting.UPSTREAM_CONNECT_TIMEOUT.flag() + " must be below "
                    + AgentDefaults.ADMISSION_TIMEOUT.toSeconds() + "s (the time a player waits to be admitted), was "
                    + connectTimeout.toMillis() + "ms");
        }
        String controlBind = values.address(Setting.CONTROL_BIND, SidecarSettings.DEFAULT_CONTROL_BIND);
        List<String> warnings = new ArrayList<>();
        ControlAuthSettings controlAuth = controlAuth(values, warnings);
        String unsafeBind = controlAuth.unsafeBind(controlBind);
        if (unsafeBind != null) {
            throw new SettingsException(unsafeBind + ": give " + Setting.CONTROL_ACCESS_KEY.flag() + " with "
                    + Setting.CONTROL_SECRET_KEY_FILE.flag() + ", or " + Setting.CONTROL_CREDENTIALS_FILE.flag()
                    + ", or else " + Setting.CONTROL_ALLOW_UNAUTHENTICATED.flag());
        }
        UpstreamPrelude prelude = values.choice(Setting.UPSTREAM_PRELUDE, UpstreamPrelude.class,
                SidecarSettings.DEFAULT_UPSTREAM_PRELUDE);
        // 0: an agent that hosts none, in a fleet one that only answers the fleet's API.
        int maxGameSessions = values.integer(Setting.MAX_GAME_SESSIONS, SidecarSettings.DEFAULT_MAX_GAME_SESSIONS, 0,
                MAX_GAME_SESSIONS, "a number 0.." + MAX_GAME_SESSIONS);
        return new SidecarSettings(
                upstreamHost, upstreamPort,
                prelude,
                connectTimeout,
                upstreamSecret(values, prelude, warnings),
                playerPort,
                values.address(Setting.PLAYER_BIND, SidecarSettings.DEFAULT_PLAYER_BIND),
                values.integer(Setting.MAX_CONNECTIONS, SidecarSettings.DEFAULT_MAX_CONNECTIONS, 1, MAX_PLAYER_LIMIT,
                        PLAYER_LIMIT_RANGE),
                playerLimits(values),
                controlPort,
                controlBind,
                controlAuth,
                controlLimits(values),
                values.duration(Setting.RESERVATION_TIMEOUT, SidecarSettings.DEFAULT_RESERVATION_TIMEOUT, false),
                values.duration(Setting.HANDSHAKE_TIMEOUT, SidecarSettings.DEFAULT_HANDSHAKE_TIMEOUT, false),
                values.duration(Setting.RETENTION, SidecarSettings.DEFAULT_RETENTION, false),
                values.matching(Setting.FLEET_ID, SidecarSettings.DEFAULT_FLEET_ID, FLEET_ID, "must match fleet-\\S+"),
                values.ipAddress(Setting.ADVERTISE_IP, SidecarSettings.DEFAULT_ADVERTISE_IP),
                values.matching(Setting.ADVERTISE_DNS, null, DNS_NAME, "must be a DNS name"),
                advertise,
                values.choice(Setting.GAME_SESSION_ACTIVATION, GameSessionActivation.class,
                        SidecarSettings.DEFAULT_GAME_SESSION_ACTIVATION),
                values.duration(Setting.DRAIN_TIMEOUT, SidecarSettings.DEFAULT_DRAIN_TIMEOUT, true),
                values.choice(Setting.LOG_FORMAT, LogFormat.class, SidecarSettings.DEFAULT_LOG_FORMAT),
                new TlsSettings(tlsFiles(values, Setting.PLAYER_TLS_CERT, Setting.PLAYER_TLS_KEY),
                        tlsFiles(values, Setting.CONTROL_TLS_CERT, Setting.CONTROL_TLS_KEY)),
                dataSettings(values),
                maxGameSessions,
                fleetSettings(values, maxGameSessions),
                file.path,
                warnings);
    }

    /** Reads the secret that signs PROXY v2 headers: the file's bytes, one trailing newline stripped. */
    private UpstreamSecret upstreamSecret(Values values, UpstreamPrelude prelude, List<String> warnings)
            throws SettingsException {
        Raw named = values.given().get(Setting.UPSTREAM_SECRET_FILE);
        if (named == null) {
            return null;
        }
        if (prelude != UpstreamPrelude.PROXY_V2) {
            throw new SettingsException(named.where + " signs the PROXY v2 header, so it needs "
                    + Setting.UPSTREAM_PRELUDE.flag() + " proxy-v2");
        }
        return UpstreamSecret.of(secretFile(named, warnings).secretBytes());
    }

    /** Reads the key pairs and the local API's token from their files, noting files others may read. */
    private ControlAuthSettings controlAuth(Values values, List<String> warnings) throws SettingsException {
        List<AccessKey> keys = new ArrayList<>();
        Raw accessKey = values.given().get(Setting.CONTROL_ACCESS_KEY);
        Raw secretFile = values.given().get(Setting.CONTROL_SECRET_KEY_FILE);
        if ((accessKey == null) != (secretFile == null)) {
            throw new SettingsException(Setting.CONTROL_ACCESS_KEY.flag() + " and "
                    + Setting.CONTROL_SECRET_KEY_FILE.flag() + " go together: give both or neither");
        }
        if (accessKey != null) {
            String id = accessKey.text.strip();
            if (!AccessKey.isValidId(id)) {
                throw accessKey.bad("must be an access key id: " + AccessKey.ID_RULE);
            }
            SecretFile secret = secretFile(secretFile, warnings);
            String secretKey = secret.secret(secretFile.where);
            if (secretKey.contains("\n")) {
                throw new SettingsException(secretFile.where + " must name a file holding the secret access key"
                        + " alone, on one line: \"" + secretFile.text + "\"");
            }
            keys.add(new AccessKey(id, secretKey));
        }
        Raw credentialsFile = values.given().get(Setting.CONTROL_CREDENTIALS_FILE);
        if (credentialsFile != null) {
            for (AccessKey key : secretFile(credentialsFile, warnings).keyPairs(credentialsFile.where)) {
                if (keys.stream().anyMatch(k -> k.accessKeyId().equals(key.accessKeyId()))) {
                    throw new SettingsException(credentialsFile.where + ": the access key id " + key.accessKeyId()
                            + " is also given by " + accessKey.where);
                }
                keys.add(key);
            }
        }
        Raw tokenFile = values.given().get(Setting.LOCAL_API_TOKEN_FILE);
        String token = null;
        if (tokenFile != null) {
            token = secretFile(tokenFile, warnings).secret(tokenFile.where).strip();
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                throw new SettingsException(tokenFile.where + " must name a file holding the token alone, on one"
                        + " line, without spaces: \"" + tokenFile.text + "\"");
            }
        }
        return new ControlAuthSettings(keys,
                values.bool(Setting.CONTROL_ALLOW_UNAUTHENTICATED, false), token);
    }

    /**
     * A port's certificate and key files: both or neither, each readable now. Their content is
     * checked when the agent loads them, at start-up and on every change.
     */
    private TlsFiles tlsFiles(Values values, Setting certificate, Setting privateKey) throws SettingsException {
        Raw cert = values.given().get(certificate);
        Raw key = values.given().get(privateKey);
        if ((cert == null) != (key == null)) {
            throw new SettingsException(certificate.flag() + " and " + privateKey.flag()
                    + " go together: give both or neither");
        }
        if (cert == null) {
            return null;
        }
        return new TlsFiles(readableFile(cert), readableFile(key));
    }

    /**
     * The data dir: a directory, or a path where one can be made. Whether it can be written and
     * locked is found out at start-up, which names the file at fault.
     */
    private DataSettings dataSettings(Values values) throws SettingsException {
        Raw named = values.given().get(Setting.DATA_DIR);
        if (named == null || named.text.isBlank()) {
            return DataSettings.MEMORY_ONLY;
        }
        Path path = workingDirectory.resolve(named.text.strip()).toAbsolutePath();
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new SettingsException(named.where + " must name a directory; \"" + named.text + "\" is a file");
        }
        String compact = System.getProperty(COMPACT_AFTER_BYTES_PROPERTY);
        try {
            return compact == null ? DataSettings.in(path) : new DataSettings(path, Long.parseLong(compact));
        } catch (NumberFormatException e) {
            throw new SettingsException("-D" + COMPACT_AFTER_BYTES_PROPERTY + " must be a number of bytes, was "
                    + compact);
        }
    }

    /**
     * The fleet this agent joins, or null (standalone) without --fleet-redis. Whether Redis
     * answers and the agent id is free is found out at start-up.
     */
    private static FleetSettings fleetSettings(Values values, int maxGameSessions) throws SettingsException {
        Raw redis = values.given().get(Setting.FLEET_REDIS);
        if (redis == null || redis.text.isBlank()) {
            for (Setting fleetOnly : List.of(Setting.AGENT_ID, Setting.FLEET_HEARTBEAT_TIMEOUT)) {
                Raw given = values.given().get(fleetOnly);
                if (given != null) {
                    throw new SettingsException(given.where + " needs " + Setting.FLEET_REDIS.flag()
                            + ": a standalone agent has no fleet");
                }
            }
            return null;
        }
        String missing = FleetSettings.missingRedisClient();
        if (missing != null) {
            throw new SettingsException(redis.where + ": " + missing);
        }
        String uriProblem = FleetSettings.redisUriProblem(redis.text.strip());
        if (uriProblem != null) {
            throw new SettingsException(redis.where + " must be redis://[user:password@]HOST:PORT[/DB], rediss://...,"
                    + " redis-sentinel://HOST:PORT[,...]#MASTER or redis-cluster://HOST:PORT[,...] (" + uriProblem
                    + "), was \""
                    + FleetSettings.masked(redis.text) + "\"");
        }
        String agentId = values.matching(Setting.AGENT_ID, null, FleetSettings.AGENT_ID,
                "must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        Duration heartbeat = values.duration(Setting.FLEET_HEARTBEAT_TIMEOUT,
                SidecarSettings.DEFAULT_FLEET_HEARTBEAT_TIMEOUT, false);
        if (heartbeat.compareTo(FleetSettings.MIN_HEARTBEAT_TIMEOUT) < 0) {
            throw new SettingsException(values.given().get(Setting.FLEET_HEARTBEAT_TIMEOUT).where + " must be at least "
                    + format(FleetSettings.MIN_HEARTBEAT_TIMEOUT) + ", was " + format(heartbeat));
        }
        String fleetId = values.matching(Setting.FLEET_ID, SidecarSettings.DEFAULT_FLEET_ID, FLEET_ID,
                "must match fleet-\\S+");
        return new FleetSettings(redis.text.strip(), fleetId, agentId, maxGameSessions, heartbeat);
    }

    private Path readableFile(Raw named) throws SettingsException {
        Path path = workingDirectory.resolve(named.text.strip());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SettingsException(named.where + " names a file that cannot be read: \"" + named.text + "\"");
        }
        return path;
    }

    private SecretFile secretFile(Raw named, List<String> warnings) throws SettingsException {
        SecretFile file = SecretFile.read(workingDirectory, named.text, named.where);
        if (file.warning() != null) {
            warnings.add(file.warning());
        }
        return file;
    }

    private static PlayerLimits playerLimits(Values values) throws SettingsException {
        return new PlayerLimits(
                values.integer(Setting.MAX_CONNECTIONS_PER_IP, SidecarSettings.DEFAULT_MAX_CONNECTIONS_PER_IP,
                        1, MAX_PLAYER_LIMIT, PLAYER_LIMIT_RANGE),
                values.integer(Setting.HANDSHAKES_PER_SECOND_PER_IP, SidecarSettings.DEFAULT_HANDSHAKES_PER_SECOND_PER_IP,
                        1, MAX_PLAYER_LIMIT, PLAYER_LIMIT_RANGE),
                values.integer(Setting.MAX_PENDING_HANDSHAKES, SidecarSettings.DEFAULT_MAX_PENDING_HANDSHAKES,
                        1, MAX_PLAYER_LIMIT, PLAYER_LIMIT_RANGE));
    }

    private static ControlLimits controlLimits(Values values) throws SettingsException {
        return new ControlLimits(
                values.duration(Setting.CONTROL_HEADER_TIMEOUT, SidecarSettings.DEFAULT_CONTROL_HEADER_TIMEOUT, false),
                values.duration(Setting.CONTROL_BODY_TIMEOUT, SidecarSettings.DEFAULT_CONTROL_BODY_TIMEOUT, false),
                values.duration(Setting.CONTROL_IDLE_TIMEOUT, SidecarSettings.DEFAULT_CONTROL_IDLE_TIMEOUT, false),
                values.integer(Setting.CONTROL_MAX_CONNECTIONS, SidecarSettings.DEFAULT_CONTROL_MAX_CONNECTIONS,
                        1, MAX_CONTROL_CONNECTIONS, "a number of connections 1.." + MAX_CONTROL_CONNECTIONS),
                values.integer(Setting.CONTROL_MAX_BODY_BYTES, SidecarSettings.DEFAULT_CONTROL_MAX_BODY_BYTES,
                        MIN_CONTROL_BODY_BYTES, MAX_CONTROL_BODY_BYTES,
                        "a number of bytes " + MIN_CONTROL_BODY_BYTES + ".." + MAX_CONTROL_BODY_BYTES),
                values.integer(Setting.CONTROL_REQUESTS_PER_SECOND,
                        SidecarSettings.DEFAULT_CONTROL_REQUESTS_PER_SECOND, 0, MAX_REQUESTS_PER_SECOND,
                        "a number of requests 0.." + MAX_REQUESTS_PER_SECOND + " (0: no bound)"));
    }

    /** Unknown TICKETGATE_ variables are typos: an error, like unknown flags and keys. */
    private void checkEnvironment() throws SettingsException {
        for (String name : environment.keySet()) {
            if (name.startsWith("TICKETGATE_") && Setting.byEnvVar(name).isEmpty()) {
                throw new SettingsException("unknown setting " + name + " in the environment (see --help)");
            }
        }
    }

    private ConfigFile configFile(CommandLine commandLine) throws SettingsException {
        String named = commandLine.flags().get(Setting.CONFIG);
        String where = Setting.CONFIG.flag();
        if (named == null) {
            named = environment.get(Setting.CONFIG.envVar());
            where = Setting.CONFIG.envVar();
        }
        if (named != null) {
            Path path = workingDirectory.resolve(named);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new SettingsException(where + " names a file that cannot be read: \"" + named + "\"");
            }
            return ConfigFile.parse(path, named);
        }
        Path shipped = workingDirectory.resolve(DEFAULT_CONFIG_FILE);
        if (Files.isRegularFile(shipped)) {
            return ConfigFile.parse(shipped, DEFAULT_CONFIG_FILE);
        }
        return ConfigFile.builtIn();
    }

    /** Writes a default as the operator would: durations as 60s, enums as proxy-v2. */
    static String format(Object value) {
        if (value instanceof Duration duration) {
            return formatDuration(duration);
        }
        if (value instanceof Enum<?> constant) {
            return choiceName(constant);
        }
        return String.valueOf(value);
    }

    private static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis > 0 && millis < 120_000 && millis % 1_000 == 0) {
            // 60s, as GameLift and the README say a reservation's minute, not 1m.
            return millis / 1_000 + "s";
        }
        String[] units = {"d", "h", "m", "s"};
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        for (int i = 0; i < units.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    private static String choiceName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A setting's text and where it was written, for messages. */
    private record Raw(String text, String where) {

        SettingsException bad(String allowed) {
            return new SettingsException(where + " " + allowed + ", was \"" + text + "\"");
        }
    }

    /** The settings a config file gives, by name. */
    private record ConfigFile(Path path, String name, Map<Setting, Raw> values) {

        static ConfigFile parse(Path path, String name) throws SettingsException {
            try {
                Config config = ConfigFactory.parseFile(path.toFile(),
                        ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
                return new ConfigFile(path, name, settings(config, name));
            } catch (ConfigException e) {
                throw new SettingsException("cannot read config file " + name + ": " + oneLine(e.getMessage()), e);
            }
        }

        static ConfigFile builtIn() throws SettingsException {
            URL url = SettingsReader.class.getResource(BUILT_IN_CONFIG);
            if (url == null) {
                throw new SettingsException("the built-in config is missing from the jar: " + BUILT_IN_CONFIG);
            }
            String name = "the built-in config";
            try {
                Config config = ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false))
                        .resolve();
                return new ConfigFile(null, name, settings(config, name));
            } catch (ConfigException e) {
                throw new SettingsException("cannot read " + name + ": " + oneLine(e.getMessage()), e);
            }
        }

        private static Map<Setting, Raw> settings(Config config, String name) throws SettingsException {
            for (Map.Entry<String, ConfigValue> entry : config.root().entrySet()) {
                if (!entry.getKey().equals(CONFIG_ROOT)) {
                    throw unknown(entry.getKey(), entry.getValue(), name);
                }
                if (entry.getValue().valueType() != ConfigValueType.OBJECT) {
                    throw new SettingsException(CONFIG_ROOT + " in " + at(name, entry.getValue())
                            + " must be a block: " + CONFIG_ROOT + " { ... }");
                }
            }
            Map<Setting, Raw> values = new EnumMap<>(Setting.class);
            if (!config.root().containsKey(CONFIG_ROOT)) {
                return values;
            }
            ConfigObject block = (ConfigObject) config.root().get(CONFIG_ROOT);
            for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
                String key = entry.getKey();
                ConfigValue value = entry.getValue();
                Setting setting = Setting.byKey(key).filter(s -> s != Setting.CONFIG)
                        .orElseThrow(() -> unknown(key, value, name));
                String where = key + " in " + at(name, value);
                switch (value.valueType()) {
                    case NULL -> { }
                    case OBJECT, LIST -> throw new SettingsException(where + " must be a single value, not a "
                            + value.valueType().name().toLowerCase(Locale.ROOT));
                    default -> values.put(setting, new Raw(String.valueOf(value.unwrapped()), where));
                }
            }
            return values;
        }

        private static SettingsException unknown(String key, ConfigValue value, String name) {
            return new SettingsException("unknown setting \"" + key + "\" in " + at(name, value) + " (see --help)");
        }

        private static String at(String name, ConfigValue value) {
            int line = value.origin().lineNumber();
            return line > 0 ? name + ":" + line : name;
        }

        private static String oneLine(String message) {
            return message.replaceAll("\\s*\\R\\s*", " ");
        }
    }

    /** Typed reads of the given settings, with each setting's default when it is not given. */
    private record Values(Map<Setting, Raw> given) {

        int port(Setting setting, int defaultValue) throws SettingsException {
            return integer(setting, defaultValue, 0, 65535, "a port number 0..65535");
        }

        int integer(Setting setting, int defaultValue, int min, int max, String what) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            String text = raw.text.strip();
            if (text.matches("\\d{1,9}")) {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            }
            throw raw.bad("must be " + what);
        }

        Duration duration(Setting setting, Duration defaultValue, boolean zeroAllowed) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            Matcher matcher = DURATION.matcher(raw.text.strip());
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                Duration value = switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                if (value.compareTo(AgentDefaults.MAX_DURATION) > 0) {
                    throw raw.bad("must be at most " + AgentDefaults.MAX_DURATION.toDays() + "d");
                }
                if (zeroAllowed || !value.isZero()) {
                    return value;
                }
            }
            throw raw.bad(zeroAllowed ? "must be " + DURATIONS : "must be a positive " + DURATIONS.substring(2));
        }

        <E extends Enum<E>> E choice(Setting setting, Class<E> type, E defaultValue) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            for (E constant : type.getEnumConstants()) {
                if (choiceName(constant).equals(raw.text.strip())) {
                    return constant;
                }
            }
            throw raw.bad("must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(SettingsReader::choiceName).collect(Collectors.joining(", ")));
        }

        String matching(Setting setting, String defaultValue, Pattern pattern, String rule) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            if (!pattern.matcher(raw.text.strip()).matches()) {
                throw raw.bad(rule);
            }
            return raw.text.strip();
        }

        /** An IPv4 or IPv6 literal, as GameLift reports IpAddress: never a host name. */
        String ipAddress(Setting setting, String defaultValue) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            String text = raw.text.strip();
            if (!IPV4.matcher(text).matches() && !isIpV6Literal(text)) {
                throw raw.bad("must be an IPv4 or IPv6 address");
            }
            return text;
        }

        boolean bool(Setting setting, boolean defaultValue) throws SettingsException {
            Raw raw = given.get(setting);
            if (raw == null) {
                return defaultValue;
            }
            return switch (raw.text.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw raw.bad("must be true or false");
            };
        }

        String address(Setting setting, String defaultValue) throws SettingsException {
            return matching(setting, defaultValue, Pattern.compile("\\S{1,253}"), "must be an address to bind");
        }
    }

    /**
     * True for an IPv6 literal. The JDK parses a text with a colon as a literal and never looks it
     * up, and Netty's checker is not used here: it would start logging before logback is set up.
     */
    private static boolean isIpV6Literal(String text) {
        if (text.indexOf(':') < 0 || !text.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(text) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
