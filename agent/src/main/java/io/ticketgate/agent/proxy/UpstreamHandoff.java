package io.ticketgate.agent.proxy;

import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.player.HandoffVerdict;
import io.ticketgate.agent.player.PlayerHandoff;
import io.ticketgate.protocol.ResultCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sidecar mode: pipes each accepted player to the game server over a connection of its own,
 * opened before the session is claimed so an unreachable game server leaves the session
 * RESERVED. (Skeleton: the relay is being built.)
 */
public final class UpstreamHandoff implements PlayerHandoff {

    private final UpstreamSettings settings;

    public UpstreamHandoff(UpstreamSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean preparesBeforeClaim() {
        return true;
    }

    @Override
    public CompletionStage<HandoffVerdict> prepare(PlayerSession session, PlayerConnection connection) {
        return CompletableFuture.completedFuture(new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
                "the game server at " + settings.host() + ":" + settings.port() + " is unreachable"));
    }

    @Override
    public CompletionStage<HandoffVerdict> admit(PlayerSession session, PlayerConnection connection) {
        return CompletableFuture.completedFuture(new HandoffVerdict(ResultCode.UPSTREAM_UNAVAILABLE,
                "the game server is unreachable"));
    }

    @Override
    public void disconnected(PlayerSession session, DisconnectReason reason, PlayerConnection connection) {
    }
}
