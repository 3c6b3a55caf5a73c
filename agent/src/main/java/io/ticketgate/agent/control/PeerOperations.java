package io.ticketgate.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketgate.agent.InvalidRequestException;
import io.ticketgate.agent.store.SessionStore;

/**
 * GameLift's operations as another agent of the fleet asks them of this one, for a game session
 * this agent holds: run on this agent's store only (never passed on again), the request and the
 * answer as AWS JSON 1.1 trees. The asking agent checked the caller's credentials; whoever can
 * publish to the fleet's Redis can ask, so the fleet's Redis must be as closed as the control API.
 */
public final class PeerOperations {

    private static final AwsJson11Format JSON = new AwsJson11Format();

    private final GameLiftOperations local;

    public PeerOperations(SessionStore store) {
        this.local = new GameLiftOperations(store);
    }

    /**
     * Runs one operation on this agent's store.
     *
     * @return the response structure, as JSON 1.1 writes it
     * @throws io.ticketgate.agent.TicketgateException named as GameLift names the refusal
     */
    public JsonNode run(String operation, JsonNode input) {
        if (!local.serves(operation)) {
            throw new InvalidRequestException("operation " + operation + " is not served");
        }
        return JSON.tree(local.invoke(operation, Members.of(input)));
    }

    /** Reads back an answer {@link #run} wrote, as the response shape {@code type}. */
    static <T> T shape(JsonNode output, Class<T> type) {
        return JSON.shape(output, type);
    }
}
