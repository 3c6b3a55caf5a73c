package io.ticketgate.agent.player;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.log.LogText;
import io.ticketgate.protocol.ResultCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
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
    private static final String LINE =
            "player connection result={} playerSessionId={} playerId={} remote={} latencyMicros={}";

    private final HandshakeObserver observer;
    private final FailedHandshakes failures = new FailedHandshakes();

    ConnectionLog(HandshakeObserver observer) {
        this.observer = observer;
    }

    /**
     * @param requestedId the id the CONNECT carried (client input), logged when no session is
     *     known; null before a CONNECT arrived
     */
    void outcome(Channel channel, ResultCode code, PlayerSession session, String requestedId, long latencyNanos) {
        observer.handshake(code, latencyNanos);
        boolean clientFailure = FailedHandshakes.CLIENT_FAILURES.contains(code);
        if (clientFailure && channel.remoteAddress() instanceof InetSocketAddress remote) {
            failures.record(remote.getAddress(), code);
        }
        // A flood of bad tickets must not flood the log: those are reported per address, a few
        // lines per interval (reportFailures); each alone only at DEBUG.
        if (clientFailure ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        Object[] fields = {code, LogText.escape(session != null ? session.playerSessionId() : requestedId),
                LogText.escape(session == null ? null : session.playerId()), channel.remoteAddress(),
                TimeUnit.NANOSECONDS.toMicros(latencyNanos)};
        // Straight calls, not atLevel(): the fluent builder is one more object per connection.
        if (clientFailure) {
            LOG.debug(LINE, fields);
        } else {
            LOG.info(LINE, fields);
        }
    }

    /** Logs the failed handshakes since the last report, by address, busiest first; call every {@code interval}. */
    void reportFailures(String interval) {
        failures.report(interval, LOG::info);
    }

    void failure(Channel channel, Throwable cause) {
        // Resets and other socket errors are the network's doing, not ours: no stack trace.
        // So is a client that does not speak TLS on a TLS port, or fails its handshake.
        Throwable reason = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (reason instanceof SSLException) {
            LOG.debug("player connection remote={} failed TLS: {}", channel.remoteAddress(), LogText.escape(reason));
        } else if (cause instanceof IOException) {
            LOG.debug("player connection remote={} failed: {}", channel.remoteAddress(), LogText.escape(cause));
        } else {
            LOG.warn("player connection remote={} failed", channel.remoteAddress(), cause);
        }
    }
}
