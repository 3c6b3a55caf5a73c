package io.ticketgate.agent.runtime;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when the connection caps could use up the process's file descriptors: the control
 * port's cap must leave the player port (and the game's own files) a reserve.
 */
final class DescriptorReserve {

    private static final Logger LOG = LoggerFactory.getLogger(DescriptorReserve.class);
    /** Descriptors the JVM, logs and listening sockets use besides connections. */
    static final int RESERVE = 256;

    private DescriptorReserve() {
    }

    static void check(int controlConnections, int playerConnections) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        long limit = unix.getMaxFileDescriptorCount();
        if ((long) controlConnections + playerConnections + RESERVE > limit) {
            LOG.warn("the file descriptor limit ({}) is below the control connection cap ({}) plus the player "
                    + "connection cap ({}) plus {} for the process: raise it (ulimit -n) or lower a cap",
                    limit, controlConnections, playerConnections, RESERVE);
        }
    }
}
