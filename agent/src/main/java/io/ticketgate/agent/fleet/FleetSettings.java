package io.ticketgate.agent.fleet;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * How an agent joins a fleet: the fleet's Redis, the fleet id (shared by its agents), this
 * agent's id (unique among the live agents of the fleet), how many live game sessions its game
 * server hosts, and how long a silent agent stays alive to the fleet.
 *
 * @param redisUri {@code redis://[user:password@]HOST:PORT[/DB]}, {@code rediss://} for TLS, or
 *     {@code redis-sentinel://[password@]HOST:PORT[,HOST:PORT...][/DB]#MASTER} for a Redis Sentinel
 *     deployment (the agents follow its failovers), or {@code redis-cluster://HOST:PORT[,HOST:PORT...]}
 *     ({@code rediss-cluster://} for TLS) for a Redis Cluster
 * @param agentId null for the default: the host name and the player port the agent bound
 */
public record FleetSettings(String redisUri, String fleetId, String agentId, int maxGameSessions,
        Duration heartbeatTimeout) {

    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_GAME_SESSIONS = 1;
    /** A Redis command not answered within this fails, so a control call that needs Redis never hangs. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Three heartbeats fit in the shortest timeout, each allowed the whole command timeout. */
    public static final Duration MIN_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final String CLUSTER_SCHEME = "redis-cluster://";
    private static final String CLUSTER_TLS_SCHEME = "rediss-cluster://";
    public static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern NOT_IN_AGENT_ID = Pattern.compile("[^A-Za-z0-9._:-]");

    /** @throws IllegalArgumentException naming the bad value */
    public FleetSettings {
        parseUri(redisUri);
        if (agentId != null && !AGENT_ID.matcher(agentId).matches()) {
            throw new IllegalArgumentException("agent id " + agentId
                    + " must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        if (maxGameSessions < 0) {
            throw new IllegalArgumentException("max game sessions must be at least 0, not " + maxGameSessions);
        }
        if (heartbeatTimeout.compareTo(MIN_HEARTBEAT_TIMEOUT) < 0) {
            throw new IllegalArgumentException("fleet heartbeat timeout must be at least "
                    + MIN_HEARTBEAT_TIMEOUT.toSeconds() + "s, not " + heartbeatTimeout);
        }
    }

    /** The default agent id: the host name and the player port, e.g. {@code game-7f9c-7777}. */
    public static String defaultAgentId(String hostName, int playerPort) {
        String host = NOT_IN_AGENT_ID.matcher(hostName.toLowerCase(Locale.ROOT)).replaceAll("-");
        String id = host + "-" + playerPort;
        return id.length() <= 128 ? id : id.substring(id.length() - 128);
    }

    /** These settings with the agent id decided: the one given, else the default for this host and port. */
    public FleetSettings withAgentIdFor(String hostName, int playerPort) {
        return agentId != null ? this : new FleetSettings(redisUri, fleetId, defaultAgentId(hostName, playerPort),
                maxGameSessions, heartbeatTimeout);
    }

    /** How often the heartbeat renews the claim: three chances before the timeout. */
    public Duration heartbeatInterval() {
        return heartbeatTimeout.dividedBy(3);
    }

    /** True for a Redis Cluster: {@code redis-cluster://HOST:PORT[,HOST:PORT...]}. */
    boolean cluster() {
        return redisUri.startsWith(CLUSTER_SCHEME) || redisUri.startsWith(CLUSTER_TLS_SCHEME);
    }

    /** The cluster's seed nodes, each as a {@code redis://} (or {@code rediss://}) URI. */
    List<RedisURI> clusterSeeds() {
        return seeds(redisUri).stream().map(seed -> {
            seed.setTimeout(COMMAND_TIMEOUT);
            return seed;
        }).toList();
    }

    RedisURI redis() {
        RedisURI uri = parseUri(redisUri);
        uri.setTimeout(COMMAND_TIMEOUT);
        return uri;
    }

    /** The URI without its password, for log lines. */
    public String redisForLog() {
        if (cluster()) {
            return CLUSTER_SCHEME + seeds(redisUri).stream().map(seed -> seed.getHost() + ":" + seed.getPort())
                    .collect(Collectors.joining(","));
        }
        RedisURI uri = parseUri(redisUri);
        if (!uri.getSentinels().isEmpty()) {
            return "redis-sentinel://" + uri.getSentinels().stream().map(sentinel -> sentinel.getHost() + ":"
                    + sentinel.getPort()).collect(Collectors.joining(",")) + "/" + uri.getDatabase() + "#"
                    + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /**
     * What this JVM lacks for fleet mode, or null if nothing: Lettuce is an optional dependency
     * of the agent's library jar (the sidecar jar holds it).
     */
    public static String missingRedisClient() {
        try {
            Class.forName("io.lettuce.core.RedisClient", false, FleetSettings.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return "fleet mode needs io.lettuce:lettuce-core on the class path"
                    + " (on the module path, also --add-modules lettuce.core)";
        }
    }

    /** What is wrong with {@code text} as the fleet's Redis URI, or null if nothing. */
    public static String redisUriProblem(String text) {
        try {
            parseUri(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getCause() != null ? e.getCause().getMessage()
                    : "not redis://, rediss://, redis-sentinel:// or redis-cluster://";
        }
    }

    /** The text with any user and password replaced: it goes into error lines. */
    public static String masked(String text) {
        return text.replaceAll("//[^@/]*@", "//***@");
    }

    /**
     * {@code redis-cluster://[user:password@]HOST:PORT[,HOST:PORT...]} (TLS: {@code rediss-cluster://})
     * as one {@code redis://} URI a seed node.
     */
    private static List<RedisURI> seeds(String text) {
        boolean tls = text.startsWith(CLUSTER_TLS_SCHEME);
        String rest = text.substring((tls ? CLUSTER_TLS_SCHEME : CLUSTER_SCHEME).length());
        int at = rest.lastIndexOf('@');
        String credentials = at < 0 ? "" : rest.substring(0, at + 1);
        List<RedisURI> seeds = new ArrayList<>();
        for (String node : rest.substring(at + 1).split(",")) {
            RedisURI seed = RedisURI.create((tls ? "rediss://" : "redis://") + credentials + node.strip());
            if (seed.getHost() == null || seed.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host in " + node);
            }
            seeds.add(seed);
        }
        return seeds;
    }

    private static RedisURI parseUri(String text) {
        if (text.startsWith(CLUSTER_SCHEME) || text.startsWith(CLUSTER_TLS_SCHEME)) {
            try {
                return seeds(text).get(0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fleet redis " + masked(text)
                        + " is not a Redis Cluster URI (redis-cluster://HOST:PORT[,HOST:PORT...]): " + e.getMessage(),
                        e);
            }
        }
        boolean sentinel = text.startsWith("redis-sentinel://");
        if (!text.startsWith("redis://") && !text.startsWith("rediss://") && !sentinel) {
            throw new IllegalArgumentException("fleet redis " + masked(text)
                    + " must be redis://HOST:PORT[/DB], rediss://..., redis-sentinel://...#MASTER"
                    + " or redis-cluster://...");
        }
        try {
            if (sentinel && (text.indexOf('#') < 0 || text.endsWith("#"))) {
                throw new IllegalArgumentException("a Sentinel URI names its sentinels and, after #, the master");
            }
            RedisURI uri = RedisURI.create(text);
            if (sentinel) {
                if (uri.getSentinels().isEmpty() || uri.getSentinelMasterId() == null
                        || uri.getSentinelMasterId().isEmpty()) {
                    throw new IllegalArgumentException("a Sentinel URI names its sentinels and, after #, the master");
                }
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fleet redis " + masked(text)
                    + " is not a Redis URI (redis://[user:password@]HOST:PORT[/DB]): " + e.getMessage(), e);
        }
    }
}
