package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.ticketgate.agent.PlayerSession;
import io.ticketgate.agent.PlayerSessionStatus;
import io.ticketgate.agent.tls.TestCertificates;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sidecar mode behind a TLS player port: the game server gets plaintext, after a correct PROXY header. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SidecarTlsTest {

    @TempDir
    Path dir;

    private FakeGameServer game;
    private SidecarAgent agent;
    private TgtClient.Options tls;

    @BeforeEach
    void start() throws Exception {
        TestCertificates certificates = TestCertificates.in(dir);
        game = FakeGameServer.start();
        agent = SidecarAgent.startWithTls(game.port(), certificates.issue("agent").files());
        tls = TgtClient.Options.defaults().withTls(certificates.clientContext());
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        game.close();
    }

    @Test
    void aTlsPlayerIsPipedAfterAProxyHeaderNamingIt() throws Exception {
        PlayerSession session = agent.reserve("player-1", "{\"elo\":1200}");
        try (TgtConnection player = TgtClient.connect("127.0.0.1", agent.runtime.playerPort(),
                session.playerSessionId(), tls.withPipelined(ascii("hello")));
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            FakeGameServer.ProxyHeader header = upstream.readProxyHeader();
            assertEquals(HAProxyCommand.PROXY, header.command());
            assertEquals(player.socket().getLocalSocketAddress(), header.source());
            assertEquals(new InetSocketAddress("127.0.0.1", agent.runtime.playerPort()), header.destination());
            assertEquals(Map.of(0xE0, session.playerSessionId(), 0xE1, "player-1", 0xE2, session.gameSessionId(),
                    0xE3, "{\"elo\":1200}"), header.tlvs());

            assertArrayEquals(ascii("hello"), upstream.readBytes(5), "the game server reads plaintext");
            upstream.write(ascii("welcome"));
            assertArrayEquals(ascii("welcome"), player.input().readNBytes(7));

            upstream.hangUp();
            assertEquals(-1, player.input().read(), "the game server's hang-up reaches the player");
        }
        agent.awaitStatus(session.playerSessionId(), PlayerSessionStatus.COMPLETED);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
