package io.ticketgate.examples.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator against the comparison's own floor and echo servers, on real loopback sockets. */
@Timeout(60)
class LoadGeneratorTest {

    private static EventLoopGroup servers;
    private static InetSocketAddress floor;
    private static InetSocketAddress echo;
    private static LoadClient client;

    @BeforeAll
    static void start() throws InterruptedException {
        servers = EventLoops.group(1);
        floor = (InetSocketAddress) LoopbackServer.bind(servers, FloorServer.initializer()).localAddress();
        echo = (InetSocketAddress) LoopbackServer.bind(servers, EchoServer.initializer()).localAddress();
        client = new LoadClient(1, 4);
    }

    @AfterAll
    static void stop() {
        client.close();
        servers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void everyIdIsUsedForExactlyOneAcceptedHandshake() throws InterruptedException {
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "player-" + i).toList();

        HandshakeLoad.Result result = new HandshakeLoad(client, 8).run(floor, ids);

        assertEquals(300, result.accepted());
        assertEquals(0, result.failed(), result.firstFailure());
        assertNull(result.firstFailure());
        assertEquals(300, result.latencies().count());
    }

    @Test
    void aRefusedConnectionCountsAsAFailedHandshake() throws Exception {
        InetSocketAddress closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        HandshakeLoad.Result result = new HandshakeLoad(client, 2).run(closed, List.of("a", "b", "c"));

        assertEquals(0, result.accepted());
        assertEquals(3, result.failed());
        assertTrue(result.firstFailure().startsWith("connect:"), result.firstFailure());
    }

    @Test
    void opensPlayersThroughAHandshakeAndEchoesOnThem() throws Exception {
        try (IdleLoad.Held held = IdleLoad.open(client, floor, List.of("p1", "p2", "p3", "p4"), 2)) {
            assertEquals(4, held.channels().size());

            EchoLoad.Result result = EchoLoad.run(held.channels(), 1);

            assertTrue(result.roundTrips() > 0);
            assertEquals(result.roundTrips(), result.latencies().count());
        }
    }

    @Test
    void holdsIdlePlayersWithoutHandshakeAndClosesThemAll() throws Exception {
        IdleLoad.Held held = IdleLoad.open(client, echo, Collections.nCopies(100, null), 16);
        List<Channel> channels = held.channels();

        held.close();

        assertEquals(100, channels.size());
        assertTrue(channels.stream().noneMatch(Channel::isOpen));
    }

    @Test
    void streamsBytesThroughTheEchoServer() throws Exception {
        try (IdleLoad.Held held = IdleLoad.open(client, echo, Collections.nCopies(2, null), 2)) {
            assertTrue(StreamLoad.run(held.channels(), 1) > 0);
        }
    }
}
