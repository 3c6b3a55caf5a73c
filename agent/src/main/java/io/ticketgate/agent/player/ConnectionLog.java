package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.log.LogText;
import io.ticketgate.protocol.ResultCode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each player connection's outcome: tells the observer (metrics), and logs one line
 * per outcome, on its own logger so operators can route or silence
 * it. PlayerData never appears here: it may hold anything the game put in it; every id is
 * escaped ({@link LogText}), as players and control clients choose them.
 */
final class ConnectionLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.ticketgate.connections");

    private final HandshakeObserver observer;

    ConnectionLog(HandshakeObserver observer) {
        this.observer = observer;
    }

    /**
     * @param requestedId the id the CONNECT carried (client input), logged when no session is
     *     known; null before a CONNECT arrived
     */
    void outcome(Channel channel, ResultCode code, PlayerSession session, String requestedId, long latencyNanos) {
        observer.handshake(code, latencyNanos);
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info("player connection result={} playerSessionId={} playerId={} remote={} latencyMicros={}",
                code, LogText.escape(session != null ? session.playerSessionId() : requestedId),
                LogText.escape(session == null ? null : session.playerId()),
                channel.remoteAddress(), TimeUnit.NANOSECONDS.toMicros(latencyNanos));
    }

    void failure(Channel channel, Throwable cause) {
        // Resets and other socket errors are the network's doing, not ours: no stack trace.
        if (cause instanceof IOException) {
            LOG.debug("player connection remote={} failed: {}", channel.remoteAddress(), LogText.escape(cause));
        } else {
            LOG.warn("player connection remote={} failed", channel.remoteAddress(), cause);
        }
    }
}
