package io.ticketgate.agent.game;

import io.netty.util.AttributeKey;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.TicketgateListener;
import io.ticketgate.agent.player.HandoffVerdict;
import io.ticketgate.agent.player.PlayerHandoff;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.protocol.ResultCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands validated players to an embedded game's {@link TicketgateListener}, and tells it of
 * timeouts and new game sessions. Every call runs on the callback executor, never on an event
 * loop; the calls for one connection run in order. A listener that throws is logged and, for an
 * admission, rejects the player; it never disturbs the agent.
 */
public final class ListenerHandoff implements PlayerHandoff, SessionEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerHandoff.class);
    private static final AttributeKey<SerialExecutor> CALLBACKS = AttributeKey.valueOf("ticketgate.callbacks");

    private final TicketgateListener listener;
    private final Executor executor;

    public ListenerHandoff(TicketgateListener listener, Executor executor) {
        this.listener = listener;
        this.executor = executor;
    }

    @Override
    public CompletionStage<HandoffVerdict> admit(PlayerSession session, PlayerConnection connection) {
        SerialExecutor callbacks = new SerialExecutor(executor);
        connection.channel().attr(CALLBACKS).set(callbacks);
        CompletableFuture<HandoffVerdict> verdict = new CompletableFuture<>();
        try {
            callbacks.execute(() -> askListener(session, connection, verdict));
        } catch (RejectedExecutionException e) {
            verdict.complete(new HandoffVerdict(ResultCode.BUSY, "the game is not taking players now"));
        }
        return verdict;
    }

    private void askListener(PlayerSession session, PlayerConnection connection,
            CompletableFuture<HandoffVerdict> verdict) {
        CompletionStage<Admission> admission;
        try {
            admission = listener.onPlayerAccepted(session, connection);
        } catch (RuntimeException | Error e) {
            LOG.warn("onPlayerAccepted threw for player session {}; the player is rejected",
                    session.playerSessionId(), e);
            verdict.complete(rejected("the game failed to admit the player"));
            return;
        }
        if (admission == null) {
            LOG.warn("onPlayerAccepted returned null for player session {}; the player is rejected",
                    session.playerSessionId());
            verdict.complete(rejected("the game failed to admit the player"));
            return;
        }
        admission.whenComplete((answer, failure) -> {
            if (failure != null || answer == null) {
                LOG.warn("the admission of player session {} failed; the player is rejected",
                        session.playerSessionId(), failure);
                verdict.complete(rejected("the game failed to admit the player"));
            } else {
                verdict.complete(answer.isAccepted() ? HandoffVerdict.ACCEPTED : rejected(answer.reason()));
            }
        });
    }

    private static HandoffVerdict rejected(String reason) {
        return new HandoffVerdict(ResultCode.REJECTED_BY_GAME, reason);
    }

    @Override
    public void disconnected(PlayerSession session, DisconnectReason reason, PlayerConnection connection) {
        SerialExecutor callbacks = connection.channel().attr(CALLBACKS).get();
        tell(callbacks != null ? callbacks : executor, "onPlayerDisconnected", session.playerSessionId(),
                () -> listener.onPlayerDisconnected(session, reason));
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event instanceof SessionEvent.PlayerSessionChanged change) {
            PlayerSession session = change.session();
            if (change.change() == SessionEvent.PlayerChange.TIMED_OUT) {
                tell(executor, "onReservationTimedOut", session.playerSessionId(),
                        () -> listener.onReservationTimedOut(session));
            } else if (change.change() == SessionEvent.PlayerChange.GRACE_EXPIRED) {
                tell(executor, "onReconnectGraceExpired", session.playerSessionId(),
                        () -> listener.onReconnectGraceExpired(session));
            }
        } else if (event instanceof SessionEvent.GameSessionChanged change
                && change.change() == SessionEvent.GameChange.CREATED) {
            tell(executor, "onGameSessionCreated", change.session().gameSessionId(),
                    () -> listener.onGameSessionCreated(change.session()));
        }
    }

    private static void tell(Executor on, String callback, String id, Runnable call) {
        try {
            on.execute(() -> {
                try {
                    call.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("{} threw for {}", callback, id, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{} for {} not delivered: the agent is stopping", callback, id);
        }
    }
}
