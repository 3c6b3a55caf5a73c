package io.ticketgate.agent;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The game's answer to {@link TicketgateListener#onPlayerAccepted}: {@link #accept()} lets the
 * player in, {@link #reject(String)} turns them away with REJECTED_BY_GAME. The listener returns a
 * stage that completes with one of them, whenever the game has decided.
 *
 * <p>{@link #accepted()} and {@link #rejected(String)} are those answers as stages already
 * complete: shorthand for a listener that decides at once.
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

    /**
     * A completed stage of {@link #accept()}: shorthand for synchronous listeners, as in
     * {@code return Admission.accepted();}.
     */
    public static CompletionStage<Admission> accepted() {
        return ACCEPTED;
    }

    /**
     * A completed stage of {@link #reject(String) reject(reason)}: shorthand for synchronous
     * listeners.
     */
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
