package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.store.ConnectOutcome;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Validates the decoded CONNECT against the store, offers the player to the hand-off, answers
 * with the RESULT, and on ACCEPTED gives the pipeline to the game: it removes itself and the
 * decoder, which passes on any bytes the player pipelined after CONNECT.
 *
 * <p>While the hand-off decides, reading is paused and anything the game writes is held, so the
 * RESULT is always the first thing the player reads.
 */
final class HandshakeHandler extends ChannelDuplexHandler {

    private static final HandoffVerdict UNREACHABLE = new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
            "the game server is unreachable");
    private static final HandoffVerdict FAILED_TO_ADMIT = new HandoffVerdict(ResultCode.REJECTED_BY_GAME,
            "the game failed to admit the player");
    private static final HandoffVerdict GAME_SERVER_LATE = new HandoffVerdict(ResultCode.BUSY,
            "the game server did not answer in time");
    private static final HandoffVerdict GAME_LATE = new HandoffVerdict(ResultCode.BUSY,
            "the game did not answer in time");

    private final PlayerFrontEnd frontEnd;

    private long connectedAtNanos;
    private ConnectOutcome outcome;
    private NettyPlayerConnection connection;
    private PendingWriteQueue heldWrites;
    private Future<?> admissionTimeout;
    private boolean awaitingVerdict;
    private boolean preparing;
    /** The id the player asked for, for the log line of a refusal that knows no session. */
    private String requestedId;
    private boolean ended;

    HandshakeHandler(PlayerFrontEnd frontEnd) {
        this.frontEnd = frontEnd;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connectedAtNanos = frontEnd.clock().nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ConnectFrame connect) {
            onConnect(ctx, connect);
        } else if (msg instanceof HandshakeFailure failure) {
            refuse(ctx, failure.code(), failure.detail(), null);
        } else {
            // Only the decoder's one message reaches this handler; anything else is a bug upstream.
            ReferenceCountUtil.release(msg);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, ConnectFrame connect) {
        requestedId = connect.playerSessionId();
        if (ctx.pipeline().get(PlayerPipeline.HANDSHAKE_TIMEOUT) != null) {
            ctx.pipeline().remove(PlayerPipeline.HANDSHAKE_TIMEOUT);
        }
        if (frontEnd.isDraining()) {
            refuse(ctx, ResultCode.SHUTTING_DOWN, "the agent is shutting down", null);
            return;
        }
        if (!frontEnd.handoff().preparesBeforeClaim()) {
            claim(ctx, connect.playerSessionId());
            return;
        }
        // First alone, so an unknown id costs one map lookup.
        ConnectOutcome first = frontEnd.store().check(connect.playerSessionId());
        if (!first.isAccepted()) {
            refuse(ctx, first.code(), first.detail(), first.session());
            return;
        }
        if (!frontEnd.startPreparing(connect.playerSessionId())) {
            refuse(ctx, ResultCode.SESSION_ALREADY_ACTIVE, "another connection is claiming this player session",
                    first.session());
            return;
        }
        // Again, now that no rival can start preparing: one may have prepared and claimed between
        // the first check and startPreparing, and this connection must not connect upstream too.
        ConnectOutcome check = frontEnd.store().check(connect.playerSessionId());
        if (!check.isAccepted()) {
            frontEnd.endPreparing(connect.playerSessionId());
            refuse(ctx, check.code(), check.detail(), check.session());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        connection = new NettyPlayerConnection(ctx.channel(), check.reconnect());
        preparing = true;
        CompletionStage<HandoffVerdict> ready;
        try {
            ready = frontEnd.handoff().prepare(check.session(), connection);
        } catch (RuntimeException e) {
            ready = CompletableFuture.failedFuture(e);
        }
        onAnswer(ctx, ready, UNREACHABLE, GAME_SERVER_LATE,
                verdict -> prepared(ctx, connect.playerSessionId(), check.session(), verdict));
    }

    /**
     * Acts on the hand-off's answer: at once if it is already in (given on this loop), else when
     * it comes, or with {@code ifLate} at the admission timeout, whichever is first.
     */
    private void onAnswer(ChannelHandlerContext ctx, CompletionStage<HandoffVerdict> stage, HandoffVerdict ifFailed,
            HandoffVerdict ifLate, Consumer<HandoffVerdict> then) {
        if (completedHere(stage)) {
            then.accept(answerOf(stage, ifFailed));
            return;
        }
        admissionTimeout = ctx.executor().schedule(() -> then.accept(ifLate), frontEnd.admissionTimeoutNanos(),
                TimeUnit.NANOSECONDS);
        stage.whenComplete((answer, failure) -> ctx.executor().execute(
                () -> then.accept(answer != null ? answer : ifFailed)));
    }

    /** True when the stage already has its answer, given on this loop, so the handshake need not wait a turn. */
    private boolean completedHere(CompletionStage<HandoffVerdict> stage) {
        return frontEnd.handoff().completesOnEventLoop()
                && stage instanceof CompletableFuture<HandoffVerdict> future && future.isDone();
    }

    private static HandoffVerdict answerOf(CompletionStage<HandoffVerdict> done, HandoffVerdict ifFailed) {
        return done.toCompletableFuture().handle((answer, failure) -> answer != null ? answer : ifFailed).join();
    }

    private void cancelAdmissionTimeout() {
        if (admissionTimeout != null) {
            admissionTimeout.cancel(false);
            admissionTimeout = null;
        }
    }

    /** The hand-off prepared (or failed to): claim the session, or refuse leaving it untouched. */
    private void prepared(ChannelHandlerContext ctx, String playerSessionId, PlayerSession checked,
            HandoffVerdict verdict) {
        if (!preparing) {
            return;
        }
        preparing = false;
        cancelAdmissionTimeout();
        if (!verdict.isAccepted()) {
            frontEnd.handoff().abandon(connection);
            // Before the refusal goes out: the player may retry at once, and must find the id free.
            frontEnd.endPreparing(playerSessionId);
            refuse(ctx, verdict.code(), verdict.detail(), checked);
            return;
        }
        try {
            if (ctx.channel().isActive()) {
                claim(ctx, playerSessionId);
            } else {
                frontEnd.handoff().abandon(connection);
            }
        } finally {
            // Only after the claim: until then a rival's check would still find the session RESERVED.
            frontEnd.endPreparing(playerSessionId);
        }
    }

    private void claim(ChannelHandlerContext ctx, String playerSessionId) {
        Channel channel = ctx.channel();
        // Registered under the store's lock: registered after it, a removal in between would
        // find no connection to close and leave a removed player connected.
        outcome = frontEnd.store().connect(playerSessionId,
                () -> frontEnd.connections().register(playerSessionId, channel));
        if (!outcome.isAccepted()) {
            if (connection != null) {
                frontEnd.handoff().abandon(connection);
            }
            refuse(ctx, outcome.code(), outcome.detail(), outcome.session());
            return;
        }
        channel.config().setAutoRead(false);
        connection = new NettyPlayerConnection(channel, outcome.reconnect());
        heldWrites = new PendingWriteQueue(ctx);
        awaitingVerdict = true;
        channel.closeFuture().addListener(future -> end());
        CompletionStage<HandoffVerdict> verdict;
        try {
            verdict = frontEnd.handoff().admit(outcome.session(), connection);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        onAnswer(ctx, verdict, FAILED_TO_ADMIT, GAME_LATE, answer -> decide(ctx, answer));
    }

    private void decide(ChannelHandlerContext ctx, HandoffVerdict verdict) {
        if (!awaitingVerdict) {
            return;
        }
        awaitingVerdict = false;
        cancelAdmissionTimeout();
        if (!ctx.channel().isActive()) {
            heldWrites.removeAndFailAll(new ClosedChannelException());
            return;
        }
        if (!verdict.isAccepted()) {
            heldWrites.removeAndFailAll(new IllegalStateException("the player was not admitted"));
            PlayerConnections.recordCloseReason(ctx.channel(), switch (verdict.code()) {
                case BUSY -> DisconnectReason.ADMISSION_TIMED_OUT;
                case UPSTREAM_UNAVAILABLE -> DisconnectReason.UPSTREAM_UNAVAILABLE;
                default -> DisconnectReason.REJECTED_BY_GAME;
            });
            // Settled now, not when the refused connection finally closes: a retry after BUSY must
            // find the reservation free at once.
            end();
            refuse(ctx, verdict.code(), verdict.detail(), outcome.session());
            return;
        }
        // Counted before the player can see the RESULT, so metrics never lag what a client observed.
        frontEnd.log().outcome(ctx.channel(), ResultCode.ACCEPTED, outcome.session(), requestedId, elapsedNanos());
        ctx.write(ResultFrames.accepted());
        heldWrites.removeAndWriteAll();
        ctx.flush();
        // The connection's close listener keeps this handler for end(): keep only what end() needs.
        heldWrites = null;
        ChannelHandlerContext decoder = ctx.pipeline().context(PlayerPipeline.HANDSHAKE_DECODER);
        ctx.pipeline().remove(this);
        // Removing the decoder passes the bytes it holds, pipelined after CONNECT, to the game.
        ctx.pipeline().remove(decoder.handler());
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * The store ended the session while the game was deciding: answer the player with what a
     * CONNECT would get now, then close. Any later answer of the game changes nothing.
     */
    void sessionEnded(ChannelHandlerContext ctx, DisconnectReason reason) {
        if (!awaitingVerdict) {
            ctx.close();
            return;
        }
        decide(ctx, switch (reason) {
            case GAME_SESSION_ENDED -> new HandoffVerdict(ResultCode.GAME_SESSION_UNAVAILABLE,
                    "the game session ended");
            case AGENT_STOPPED -> new HandoffVerdict(ResultCode.SHUTTING_DOWN, "the agent is shutting down");
            default -> new HandoffVerdict(ResultCode.SESSION_COMPLETED, "the player session was removed");
        });
    }

    private void refuse(ChannelHandlerContext ctx, ResultCode code, String detail, PlayerSession session) {
        frontEnd.log().outcome(ctx.channel(), code, session, requestedId, elapsedNanos());
        Refusal.send(ctx.channel(), new ResultFrame(code, detail));
    }

    /**
     * Records the end of an admitted connection in the store and tells the hand-off, once: at the
     * refusal of a pending admission, or when the connection closes, whichever comes first.
     */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        DisconnectReason reason = PlayerConnections.closeReason(connection.channel());
        PlayerSession after = frontEnd.store()
                .disconnect(outcome.session().playerSessionId(), outcome.connectionId(), reason)
                .orElse(outcome.session());
        frontEnd.handoff().disconnected(after, reason, connection);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (awaitingVerdict) {
            heldWrites.add(msg, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof HandshakeTimeoutHandler.HandshakeTimedOut) {
            frontEnd.log().outcome(ctx.channel(), ResultCode.HANDSHAKE_TIMEOUT, null, null, elapsedNanos());
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        frontEnd.log().failure(ctx.channel(), cause);
        ctx.close();
    }

    private long elapsedNanos() {
        return frontEnd.clock().nanoTime() - connectedAtNanos;
    }
}
