package io.ticketgate.agent;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The game's answer to {@link TicketgateListener#onPlayerAccepted}: let the player in, or turn
 * them away with REJECTED_BY_GAME.
 */
public final class Admission {

    private static final Admission ACCEPT = new Admission(true, "");
    private static final CompletionStage<Admission> ACCEPTED = CompletableFuture.completedStage(ACCEPT);

    private final boolean accepted;
    private final String reason;

    private Admission(boolean accepted, String reason) {
        this.accepted = accepted;
        this.reason = reason;
    }

    /** Lets the player in. */
    public static Admission accept() {
        return ACCEPT;
    }

    /**
     * Turns the player away; the player gets REJECTED_BY_GAME and the player session is
     * COMPLETED.
     *
     * @param reason sent to the player as the RESULT detail: say why, never secrets
     */
    public static Admission reject(String reason) {
        return new Admission(false, Objects.requireNonNull(reason, "reason"));
    }

    /** An already completed stage that lets the player in: the usual synchronous answer. */
    public static CompletionStage<Admission> accepted() {
        return ACCEPTED;
    }

    /** An already completed stage that turns the player away with {@code reason}. */
    public static CompletionStage<Admission> rejected(String reason) {
        return CompletableFuture.completedStage(reject(reason));
    }

    /** Returns true if the player is let in. */
    public boolean isAccepted() {
        return accepted;
    }

    /** Returns why the player was turned away; empty when accepted. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return accepted ? "Admission[accepted]" : "Admission[rejected: " + reason + "]";
    }
}
