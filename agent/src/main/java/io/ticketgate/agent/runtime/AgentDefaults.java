package io.ticketgate.agent.runtime;

import io.ticketgate.agent.GameSessionActivation;
import java.time.Duration;

/** Every default of an agent, in one place for the embedded builder and the sidecar launcher. */
public final class AgentDefaults {

    public static final int PLAYER_PORT = 7777;
    public static final String PLAYER_BIND = "0.0.0.0";
    public static final int CONTROL_PORT = 9080;
    /** Loopback: beyond it the control API needs key pairs, or explicit consent to go without. */
    public static final String CONTROL_BIND = "127.0.0.1";
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** GameLift's reservation timeout. */
    public static final Duration RESERVATION_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration ADMISSION_TIMEOUT = Duration.ofSeconds(5);
    /** GameLift's behaviour: a dropped player's session ends at once. */
    public static final Duration RECONNECT_GRACE = Duration.ZERO;
    /** GameLift keeps ended sessions 30 days. */
    public static final Duration RETENTION = Duration.ofDays(30);
    public static final int MAX_RETAINED_PLAYER_SESSIONS = 100_000;
    public static final int MAX_RETAINED_GAME_SESSIONS = 10_000;
    public static final int MAX_GAME_SESSIONS = 1_000;
    public static final int MAX_CONNECTIONS = 10_000;
    public static final int PAGE_LIMIT = 50;
    public static final String FLEET_ID = "fleet-local";
    public static final String REGION = "local";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String ADVERTISE_IP = "127.0.0.1";
    public static final GameSessionActivation GAME_SESSION_ACTIVATION = GameSessionActivation.AUTO;
    public static final Duration CONTROL_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration CONTROL_BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration CONTROL_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Far below a typical descriptor limit (1,024 soft to 65,536 or more), leaving the rest to
     * the player port.
     */
    public static final int CONTROL_MAX_CONNECTIONS = 512;
    /** GameSessionData alone may be 256 Ki characters, up to 1 MiB in UTF-8. */
    public static final int CONTROL_MAX_BODY_BYTES = 2 * 1024 * 1024;
    public static final int CONTROL_REQUESTS_PER_SECOND = 1_000;

    /**
     * The longest any duration setting may be (about ten years): longer ones would overflow the
     * nanosecond deadlines they become, and none is meaningful.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(3650);

    private AgentDefaults() {
    }

    /** One event loop thread per core serves players. */
    public static int ioThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
