package io.ticketgate.agent.launcher;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting the sidecar reads, each by one name in three places: {@code --player-port} on
 * the command line, {@code TICKETGATE_PLAYER_PORT} in the environment, {@code player-port} in
 * the config file's {@code ticketgate} block.
 */
enum Setting {
    CONFIG("FILE", SettingsReader.DEFAULT_CONFIG_FILE,
            "the config file (HOCON); without it, the built-in copy of the shipped one"),
    UPSTREAM("HOST:PORT", "none, required (config/ticketgate.conf: 127.0.0.1:7000)",
            "the game server accepted players are piped to"),
    UPSTREAM_PRELUDE("proxy-v2|none", "proxy-v2",
            "what the game server is sent first: a PROXY v2 header naming the player, or nothing"),
    UPSTREAM_CONNECT_TIMEOUT("DURATION", SidecarSettings.DEFAULT_UPSTREAM_CONNECT_TIMEOUT,
            "how long to wait for the game server to accept a player's connection"),
    UPSTREAM_SECRET_FILE("FILE", "none",
            "file holding the secret that signs each PROXY v2 header (TLVs 0xE5, 0xE4), read once at start-up"),
    PLAYER_PORT("N", SidecarSettings.DEFAULT_PLAYER_PORT,
            "TCP port players connect to; 0 picks a free one"),
    PLAYER_BIND("ADDR", SidecarSettings.DEFAULT_PLAYER_BIND,
            "address the player port binds"),
    MAX_CONNECTIONS("N", SidecarSettings.DEFAULT_MAX_CONNECTIONS,
            "player connections open at once, from all addresses; more get BUSY"),
    MAX_CONNECTIONS_PER_IP("N", SidecarSettings.DEFAULT_MAX_CONNECTIONS_PER_IP,
            "player connections open at once from one address (IPv6: one /64); more get BUSY"),
    HANDSHAKES_PER_SECOND_PER_IP("N", SidecarSettings.DEFAULT_HANDSHAKES_PER_SECOND_PER_IP,
            "new player connections a second from one address, after a burst of max(256, N); more get BUSY"),
    MAX_PENDING_HANDSHAKES("N", SidecarSettings.DEFAULT_MAX_PENDING_HANDSHAKES,
            "player connections that have not finished their CONNECT, from all addresses; more get BUSY"),
    CONTROL_PORT("N", SidecarSettings.DEFAULT_CONTROL_PORT,
            "port of the control API (GameLift operations, /healthz, /readyz, /metrics); 0 picks a free one"),
    CONTROL_BIND("ADDR", SidecarSettings.DEFAULT_CONTROL_BIND,
            "address the control API binds; other than loopback it needs a key pair, or --control-allow-unauthenticated"),
    CONTROL_ACCESS_KEY("ID", "none",
            "access key id of a key pair (AWS SigV4) GameLift operations must be signed with"),
    CONTROL_SECRET_KEY_FILE("FILE", "none",
            "file holding that key pair's secret access key, read once at start-up"),
    CONTROL_CREDENTIALS_FILE("FILE", "none",
            "file of key pairs accepted too, a line each: ACCESS_KEY_ID SECRET (# starts a comment)"),
    CONTROL_ALLOW_UNAUTHENTICATED(null, false,
            "lets --control-bind be an address other than loopback with no key pair at all"),
    LOCAL_API_TOKEN_FILE("FILE", "none",
            "file holding the bearer token /local/v1/ requests must carry (Authorization: Bearer ...)"),
    PLAYER_TLS_CERT("FILE", "none",
            "PEM certificate chain: serves the player port over TLS (with --player-tls-key); reloaded on change"),
    PLAYER_TLS_KEY("FILE", "none",
            "PEM private key (PKCS#8) of --player-tls-cert; reloaded on change; keep it chmod 600"),
    CONTROL_TLS_CERT("FILE", "none",
            "PEM certificate chain: serves the control API over HTTPS (with --control-tls-key); reloaded on change"),
    CONTROL_TLS_KEY("FILE", "none",
            "PEM private key (PKCS#8) of --control-tls-cert; reloaded on change; keep it chmod 600"),
    CONTROL_HEADER_TIMEOUT("DURATION", SidecarSettings.DEFAULT_CONTROL_HEADER_TIMEOUT,
            "a control request's headers must arrive within this (of its first byte, or of the connection opening)"),
    CONTROL_BODY_TIMEOUT("DURATION", SidecarSettings.DEFAULT_CONTROL_BODY_TIMEOUT,
            "a control request's body must arrive within this of its headers; else 408"),
    CONTROL_IDLE_TIMEOUT("DURATION", SidecarSettings.DEFAULT_CONTROL_IDLE_TIMEOUT,
            "a kept-alive control connection is closed after this without a request"),
    CONTROL_MAX_CONNECTIONS("N", SidecarSettings.DEFAULT_CONTROL_MAX_CONNECTIONS,
            "open control connections at most (event streams included); keep it well below the fd limit"),
    CONTROL_MAX_BODY_BYTES("N", SidecarSettings.DEFAULT_CONTROL_MAX_BODY_BYTES,
            "the largest control request body, in bytes; larger ones get a 400 SerializationException"),
    CONTROL_REQUESTS_PER_SECOND("N", SidecarSettings.DEFAULT_CONTROL_REQUESTS_PER_SECOND,
            "control and local API operations a second at most, over all clients (0: no bound); over it, 429"),
    DATA_DIR("DIR", "none: sessions in memory only",
            "directory (made if missing) where sessions are kept across restarts and crashes; one agent each"),
    RESERVATION_TIMEOUT("DURATION", SidecarSettings.DEFAULT_RESERVATION_TIMEOUT,
            "a RESERVED player session becomes TIMEDOUT after this"),
    HANDSHAKE_TIMEOUT("DURATION", SidecarSettings.DEFAULT_HANDSHAKE_TIMEOUT,
            "a connection must deliver its whole CONNECT within this"),
    RETENTION("DURATION", SidecarSettings.DEFAULT_RETENTION,
            "ended sessions stay describable this long"),
    FLEET_ID("ID", SidecarSettings.DEFAULT_FLEET_ID,
            "fleet id reported in sessions and ARNs; must match fleet-\\S+"),
    FLEET_REDIS("URI", "none: standalone",
            "the fleet's Redis, redis://[user:password@]HOST:PORT[/DB] (rediss:// for TLS), or"
                    + " redis-sentinel://HOST:PORT[,HOST:PORT]/DB#MASTER, or redis-cluster://HOST:PORT[,HOST:PORT];"
                    + " agents with the same --fleet-id and Redis form one fleet"),
    AGENT_ID("ID", "the host name and the player port",
            "this agent's id in its fleet, unique among the fleet's live agents (letters, digits, . _ : -)"),
    MAX_GAME_SESSIONS("N", SidecarSettings.DEFAULT_MAX_GAME_SESSIONS,
            "live game sessions this agent's game server hosts at once; a fleet places no more on it"),
    FLEET_HEARTBEAT_TIMEOUT("DURATION", SidecarSettings.DEFAULT_FLEET_HEARTBEAT_TIMEOUT,
            "an agent whose heartbeat is missing this long is dead to its fleet (at least 3s)"),
    ADVERTISE_IP("IP", SidecarSettings.DEFAULT_ADVERTISE_IP,
            "IpAddress reported in sessions: where players connect"),
    ADVERTISE_DNS("NAME", "none",
            "DnsName reported in sessions"),
    ADVERTISE_PORT("N", "the player port",
            "Port reported in sessions, 1..60000"),
    GAME_SESSION_ACTIVATION("auto|manual", "auto",
            "auto: new game sessions are ACTIVE at once; manual: ACTIVATING until activated"),
    DRAIN_TIMEOUT("DURATION", SidecarSettings.DEFAULT_DRAIN_TIMEOUT,
            "on SIGTERM, how long connected players may play on before they are completed"),
    LOG_FORMAT("text|json", "text",
            "log lines as text, or as JSON objects for log shippers");

    private final String valueName;
    private final String defaultText;
    private final String meaning;

    /** @param valueName null for a switch: given alone it means true ({@code --name=false} also works) */
    Setting(String valueName, Object defaultValue, String meaning) {
        this.valueName = valueName;
        this.defaultText = SettingsReader.format(defaultValue);
        this.meaning = meaning;
    }

    /** Returns the name in the config file, e.g. {@code player-port}. */
    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the command-line flag, e.g. {@code --player-port}. */
    String flag() {
        return "--" + key();
    }

    /** Returns the environment variable, e.g. {@code TICKETGATE_PLAYER_PORT}. */
    String envVar() {
        return "TICKETGATE_" + name();
    }

    String valueName() {
        return valueName == null ? "[=true|false]" : valueName;
    }

    /** True for a setting that needs no value on the command line. */
    boolean isSwitch() {
        return valueName == null;
    }

    /** Returns how --help writes the flag with its value, e.g. {@code --player-port N}. */
    String usage() {
        return isSwitch() ? flag() + valueName() : flag() + " " + valueName();
    }

    String defaultText() {
        return defaultText;
    }

    String meaning() {
        return meaning;
    }

    static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    static Optional<Setting> byEnvVar(String name) {
        return Arrays.stream(values()).filter(s -> s.envVar().equals(name)).findFirst();
    }
}
