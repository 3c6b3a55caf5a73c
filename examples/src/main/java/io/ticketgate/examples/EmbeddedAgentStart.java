package io.ticketgate.examples;

import io.ticketgate.agent.TicketgateAgent;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a demo's embedded agent. A port it cannot bind becomes one line naming the address and
 * the demo's flag that picks another port: the bind itself is the only test of a free port that
 * no other process can race.
 */
public final class EmbeddedAgentStart {

    /** How {@link TicketgateAgent#start()} words a port it cannot bind, in its UncheckedIOException's cause. */
    private static final Pattern BIND_FAILURE =
            Pattern.compile("cannot (listen for players|serve the control API) on (\\S+): (.*)");

    private EmbeddedAgentStart() {
    }

    /**
     * Builds and starts the agent.
     *
     * @param playerPortFlag the demo's flag for the player port
     * @param controlPortFlag the demo's flag for the control API's port
     * @throws DemoUsageException if a port cannot be bound
     */
    public static TicketgateAgent start(TicketgateAgent.Builder builder, String playerPortFlag,
            String controlPortFlag) throws DemoUsageException {
        try {
            return builder.build().start();
        } catch (UncheckedIOException e) {
            Matcher failure = BIND_FAILURE.matcher(e.getCause().getMessage());
            if (!failure.matches()) {
                throw e;
            }
            String flag = failure.group(1).equals("listen for players") ? playerPortFlag : controlPortFlag;
            throw DemoUsageException.cannotBind(failure.group(2), failure.group(3), flag);
        }
    }
}
