package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEventSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live player connections by player session id. When the store ends a session for a reason
 * other than its connection closing (removed, game session ended, agent stopped), this closes
 * the connection, recording why so the game is told the right reason.
 */
public final class PlayerConnections implements SessionEventSink {

    static final AttributeKey<DisconnectReason> CLOSE_REASON = AttributeKey.valueOf("ticketgate.closeReason");

    private final ConcurrentHashMap<String, Channel> live = new ConcurrentHashMap<>();

    void register(String playerSessionId, Channel channel) {
        live.put(playerSessionId, channel);
        channel.closeFuture().addListener(future -> live.remove(playerSessionId, channel));
    }

    /**
     * Waits until every connection registered now has closed, or until {@code timeout} passes:
     * so a stopping agent lets each player's last RESULT out before its event loops go.
     */
    public void awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Channel channel : List.copyOf(live.values())) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !channel.closeFuture().awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event instanceof SessionEvent.PlayerSessionChanged change
                && change.change() == SessionEvent.PlayerChange.COMPLETED
                && change.reason() != DisconnectReason.CONNECTION_CLOSED) {
            Channel channel = live.get(change.session().playerSessionId());
            if (channel != null) {
                close(channel, change.reason());
            }
        }
    }

    /** Closes {@code channel} for {@code reason}, later, on its event loop: never inside a store lock. */
    static void close(Channel channel, DisconnectReason reason) {
        recordCloseReason(channel, reason);
        channel.eventLoop().execute(() -> {
            // A player still waiting for the game's answer is owed a RESULT, not a bare close.
            ChannelHandlerContext handshake = channel.pipeline().context(PlayerPipeline.HANDSHAKE);
            if (handshake != null) {
                ((HandshakeHandler) handshake.handler()).sessionEnded(handshake, reason);
            } else {
                channel.close();
            }
        });
    }

    /** Records why {@code channel} is about to close; the first reason recorded stands. */
    static void recordCloseReason(Channel channel, DisconnectReason reason) {
        channel.attr(CLOSE_REASON).setIfAbsent(reason);
    }

    static DisconnectReason closeReason(Channel channel) {
        DisconnectReason reason = channel.attr(CLOSE_REASON).get();
        return reason != null ? reason : DisconnectReason.CONNECTION_CLOSED;
    }
}
