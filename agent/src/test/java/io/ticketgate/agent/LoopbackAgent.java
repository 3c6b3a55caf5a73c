package io.ticketgate.agent;

import io.ticketgate.agent.runtime.AgentDefaults;
import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * A started agent on an ephemeral loopback port, on fake time, with one ACTIVE game session of
 * 100 slots. Handshake and admission timeouts stay on real time: where a test needs them, the
 * timeout is the behaviour under test.
 */
final class LoopbackAgent implements AutoCloseable {

    private static final int UNLIMITED_RATE = 1_000_000;

    final TicketgateAgent agent;
    final FakeTime time;
    final String gameSessionId;

    private LoopbackAgent(TicketgateAgent agent, FakeTime time) {
        this.agent = agent;
        this.time = time;
        this.gameSessionId = agent.createGameSession(CreateGameSessionRequest.builder(100).build()).gameSessionId();
    }

    static LoopbackAgent start(TicketgateListener listener) {
        return start(listener, UnaryOperator.identity());
    }

    /** Starts an agent; {@code settings} may change anything the defaults here set. */
    static LoopbackAgent start(TicketgateListener listener, UnaryOperator<TicketgateAgent.Builder> settings) {
        FakeTime time = new FakeTime();
        TicketgateAgent.Builder builder = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .playerBindAddress("127.0.0.1")
                .ioThreads(2)
                .clock(time)
                .ticker(time)
                // On fake time a handshake bucket never refills: a burst this large keeps tests that
                // open hundreds of connections clear of the rate, which PlayerLimitsTest covers.
                .playerLimits(new PlayerLimits(AgentDefaults.MAX_CONNECTIONS_PER_ADDRESS, UNLIMITED_RATE,
                        AgentDefaults.MAX_PENDING_HANDSHAKES))
                .listener(listener);
        return new LoopbackAgent(settings.apply(builder).build().start(), time);
    }

    /** Reserves a slot in the game session and returns its player session id. */
    String reserve(String playerId) {
        return agent.reservePlayerSession(gameSessionId, playerId, null).playerSessionId();
    }

    PlayerSessionStatus status(String playerSessionId) {
        return agent.playerSession(playerSessionId).orElseThrow().status();
    }

    PlayerSocket open() throws IOException {
        return PlayerSocket.open(agent.playerAddress());
    }

    @Override
    public void close() {
        agent.stop();
    }
}
