package io.ticketgate.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ticketgate.agent.PlayerSession;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An agent with an upstream secret, over real loopback sockets: what the game server receives. */
@Timeout(20)
class SignedHeaderTest {

    private static final byte[] SECRET = "a secret shared with the game server".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

    private FakeGameServer game;
    private SidecarAgent agent;

    @BeforeEach
    void start() throws Exception {
        game = FakeGameServer.start();
        agent = SidecarAgent.signing(game.port(), UpstreamSecret.of(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        game.close();
    }

    @Test
    void twoSessionsSignedWithOneSecretCarryDifferentSignaturesBothValid() throws Exception {
        byte[] first = admittedHeader(agent.reserve("player-1", "{\"elo\":1200}"));
        byte[] second = admittedHeader(agent.reserve("player-2", null));

        for (byte[] header : new byte[][] {first, second}) {
            assertEquals(NOW.toEpochMilli(), ByteBuffer.wrap(HeaderSignatures.tlv(header, 0xE5)).getLong());
            assertArrayEquals(HeaderSignatures.hmacSha256(SECRET, HeaderSignatures.signedBytes(header)),
                    HeaderSignatures.tlv(header, 0xE4));
        }
        assertFalse(Arrays.equals(HeaderSignatures.tlv(first, 0xE4), HeaderSignatures.tlv(second, 0xE4)));
    }

    private byte[] admittedHeader(PlayerSession session) throws Exception {
        try (TgtConnection player = agent.connect(session.playerSessionId());
                FakeGameServer.Connection upstream = game.accept()) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            return upstream.readProxyHeader().bytes();
        }
    }
}
