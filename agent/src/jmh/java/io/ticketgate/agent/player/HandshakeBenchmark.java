package io.ticketgate.agent.player;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.ticketgate.agent.Admission;
import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.ReservationBatches;
import io.ticketgate.agent.game.ListenerHandoff;
import io.ticketgate.agent.metrics.AgentMetrics;
import io.ticketgate.agent.runtime.AgentDefaults;
import io.ticketgate.agent.store.BenchmarkStore;
import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.time.AgentClock;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole embedded-mode handshake without sockets: a new {@link EmbeddedChannel} gets the player
 * pipeline's handlers (timeout, decoder, handshake), reads a CONNECT for a RESERVED session, the
 * store promotes it, a listener that accepts at once takes the player (through the real
 * {@link ListenerHandoff}), the RESULT is written, and the channel closes (the session ends).
 * The store's events go to the embedded agent's sinks (not the control API's event hub), the
 * outcome to {@link AgentMetrics}, and the connection log line to a file (logback-jmh.xml), as
 * synchronously as the shipped console appender writes it. {@link #channelOnly} is the
 * EmbeddedChannel's own share, to subtract.
 */
@State(Scope.Thread)
public class HandshakeBenchmark extends ReservationBatches {

    private static final ByteBuf ACCEPTED = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(ResultFrame.of(ResultCode.ACCEPTED).toBytes()));

    private byte[][] connects;
    private PlayerFrontEnd frontEnd;

    @Setup
    public void setUp() {
        FakeTime time = new FakeTime();
        PlayerConnections connections = new PlayerConnections();
        ListenerHandoff handoff = new ListenerHandoff((session, connection) -> Admission.accepted(), Runnable::run);
        // The embedded agent's sinks and metrics; not the control API's event hub.
        SessionStore store = BenchmarkStore.create(time, AgentDefaults.RESERVATION_TIMEOUT, event -> {
            connections.onEvent(event);
            handoff.onEvent(event);
        });
        connects = BenchmarkStore.reserve(store, POOL, () -> { }).stream()
                .map(session -> new ConnectFrame(session.playerSessionId()).toBytes()).toArray(byte[][]::new);
        frontEnd = new PlayerFrontEnd(handoff, connections, new AgentClock(time, time),
                AgentDefaults.HANDSHAKE_TIMEOUT, AgentDefaults.ADMISSION_TIMEOUT);
        frontEnd.open(store, new AgentMetrics(store, () -> 0));
    }

    @Benchmark
    public void handshake() {
        handshakeOnce();
    }

    /** As {@link #handshake}, with the connection log line off: the difference is what the line costs. */
    @Benchmark
    @Fork(jvmArgsAppend = "-Djmh.connection-log=WARN")
    public void handshakeWithoutLogLine() {
        handshakeOnce();
    }

    private void handshakeOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        // As PlayerServerInitializer sets up a connection under every limit.
        channel.pipeline().addLast(PlayerPipeline.HANDSHAKE_TIMEOUT,
                new HandshakeTimeoutHandler(frontEnd.handshakeTimeoutNanos(), () -> { }));
        channel.pipeline().addLast(PlayerPipeline.HANDSHAKE_DECODER, new HandshakeDecoder());
        channel.pipeline().addLast(PlayerPipeline.HANDSHAKE, new HandshakeHandler(frontEnd));
        channel.writeInbound(Unpooled.wrappedBuffer(connects[nextReservation()]));
        channel.runPendingTasks();
        ByteBuf result = channel.readOutbound();
        try {
            if (result == null || !result.equals(ACCEPTED)) {
                throw new IllegalStateException("the handshake was not accepted");
            }
        } finally {
            if (result != null) {
                result.release();
            }
        }
        channel.close();
        channel.runPendingTasks();
    }

    @Benchmark
    public void channelOnly() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.close();
        channel.runPendingTasks();
    }
}
