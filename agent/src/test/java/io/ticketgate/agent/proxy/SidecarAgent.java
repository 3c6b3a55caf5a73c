package io.ticketgate.agent.proxy;

import io.netty.channel.Channel;
import io.ticketgate.agent.CreateGameSessionRequest;
import io.ticketgate.agent.ControlLimits;
import io.ticketgate.agent.DisconnectReason;
import io.ticketgate.agent.GameSessionActivation;
import io.ticketgate.agent.PlayerLimits;
import io.ticketgate.agent.control.auth.ControlAuthSettings;
import io.ticketgate.agent.PlayerConnection;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.player.HandoffVerdict;
import io.ticketgate.agent.player.PlayerHandoff;
import io.ticketgate.agent.runtime.AgentRuntime;
import io.ticketgate.agent.runtime.AgentSettings;
import io.ticketgate.agent.runtime.DataSettings;
import io.ticketgate.agent.store.SessionEvent;
import io.ticketgate.agent.store.SessionEventSink;
import io.ticketgate.agent.tls.TlsFiles;
import io.ticketgate.agent.tls.TlsSettings;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An agent in sidecar mode on an ephemeral loopback port, piping players to a game server, with
 * one ACTIVE game session. Real time throughout: nothing here waits for a deadline.
 */
final class SidecarAgent implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    final AgentRuntime runtime;
    final String gameSessionId;
    /** The agent's side of each admitted player, in order: where the pipe's state can be seen. */
    private final BlockingQueue<Channel> admitted = new LinkedBlockingQueue<>();
    private final Object statusChanged = new Object();
    private long events;

    private SidecarAgent(int upstreamPort, UpstreamPrelude prelude, UpstreamSecret secret, Clock clock,
            TlsSettings tls) {
        UpstreamHandoff handoff = new UpstreamHandoff(
                new UpstreamSettings("127.0.0.1", upstreamPort, prelude, CONNECT_TIMEOUT, secret), clock);
        runtime = new AgentRuntime(settings(clock, tls), new Recording(handoff), SessionEventSink.NONE);
        runtime.addEventSink(this::onEvent);
        runtime.start();
        gameSessionId = runtime.store().createGameSession(CreateGameSessionRequest.builder(10).build())
                .gameSessionId();
    }

    static SidecarAgent start(int upstreamPort) {
        return new SidecarAgent(upstreamPort, UpstreamPrelude.PROXY_V2, null, Clock.systemUTC(), TlsSettings.NONE);
    }

    static SidecarAgent start(int upstreamPort, UpstreamPrelude prelude) {
        return new SidecarAgent(upstreamPort, prelude, null, Clock.systemUTC(), TlsSettings.NONE);
    }

    /** An agent signing every header with {@code secret}, its time from {@code clock}. */
    static SidecarAgent signing(int upstreamPort, UpstreamSecret secret, Clock clock) {
        return new SidecarAgent(upstreamPort, UpstreamPrelude.PROXY_V2, secret, clock, TlsSettings.NONE);
    }

    /** Starts one whose player port speaks TLS with {@code playerTls}. */
    static SidecarAgent startWithTls(int upstreamPort, TlsFiles playerTls) {
        return new SidecarAgent(upstreamPort, UpstreamPrelude.PROXY_V2, null, Clock.systemUTC(),
                new TlsSettings(playerTls, null));
    }

    PlayerSession reserve(String playerId, String playerData) {
        return runtime.store().reservePlayerSession(gameSessionId, playerId, playerData);
    }

    String reserve(String playerId) {
        return reserve(playerId, null).playerSessionId();
    }

    TgtConnection connect(String playerSessionId) throws IOException {
        return TgtClient.connect("127.0.0.1", runtime.playerPort(), playerSessionId);
    }

    TgtConnection connect(String playerSessionId, byte[] pipelined) throws IOException {
        return TgtClient.connect("127.0.0.1", runtime.playerPort(), playerSessionId,
                TgtClient.Options.defaults().withPipelined(pipelined));
    }

    PlayerSessionStatus status(String playerSessionId) {
        return runtime.store().playerSession(playerSessionId).orElseThrow().status();
    }

    /** Waits (without a deadline of its own: the test's @Timeout is it) for the session's status. */
    void awaitStatus(String playerSessionId, PlayerSessionStatus status) throws InterruptedException {
        while (true) {
            long seen;
            synchronized (statusChanged) {
                seen = events;
            }
            // Asked outside the monitor: the store calls onEvent holding its own lock.
            if (status(playerSessionId) == status) {
                return;
            }
            synchronized (statusChanged) {
                while (events == seen) {
                    statusChanged.wait();
                }
            }
        }
    }

    /** Returns the agent's channel of the next admitted player. */
    Channel nextAdmitted() throws InterruptedException {
        Channel channel = admitted.poll(10, TimeUnit.SECONDS);
        if (channel == null) {
            throw new AssertionError("no player was admitted");
        }
        return channel;
    }

    private void onEvent(SessionEvent event) {
        synchronized (statusChanged) {
            events++;
            statusChanged.notifyAll();
        }
    }

    @Override
    public void close() {
        runtime.stop(Duration.ZERO);
    }

    private static AgentSettings settings(Clock clock, TlsSettings tls) {
        return new AgentSettings(0, "127.0.0.1", false, 0, "127.0.0.1", ControlAuthSettings.NONE, ControlLimits.defaults(),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ZERO,
                Duration.ofDays(1), 1_000, 100, 10, 100, PlayerLimits.defaults(), 50, 2,
                "fleet-test", "local", "000000000000", "127.0.0.1", null, 0,
                GameSessionActivation.AUTO, tls, DataSettings.MEMORY_ONLY, null, clock,
                System::nanoTime);
    }

    /** The sidecar's hand-off, noting each admitted player's channel. */
    private final class Recording implements PlayerHandoff {
        private final PlayerHandoff handoff;

        Recording(PlayerHandoff handoff) {
            this.handoff = handoff;
        }

        @Override
        public boolean preparesBeforeClaim() {
            return handoff.preparesBeforeClaim();
        }

        @Override
        public CompletionStage<HandoffVerdict> prepare(PlayerSession session, PlayerConnection connection) {
            return handoff.prepare(session, connection);
        }

        @Override
        public void abandon(PlayerConnection connection) {
            handoff.abandon(connection);
        }

        @Override
        public CompletionStage<HandoffVerdict> admit(PlayerSession session, PlayerConnection connection) {
            return handoff.admit(session, connection).thenApply(verdict -> {
                if (verdict.isAccepted()) {
                    admitted.add(connection.channel());
                }
                return verdict;
            });
        }

        @Override
        public void disconnected(PlayerSession session, DisconnectReason reason, PlayerConnection connection) {
            handoff.disconnected(session, reason, connection);
        }
    }
}
