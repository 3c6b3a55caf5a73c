package io.ticketgate.agent;

import static io.ticketgate.agent.RawConnect.field;
import static io.ticketgate.agent.RawConnect.frame;
import static io.ticketgate.agent.RawConnect.sessionIdField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the agent answers to the bytes of a CONNECT, over a real socket. The handshake timeout
 * is long, so a wrong answer can never be a HANDSHAKE_TIMEOUT in disguise.
 */
@Timeout(10)
class HandshakeResultTest {

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;
    private String playerSessionId;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game, settings -> settings.handshakeTimeout(Duration.ofSeconds(30)));
        playerSessionId = gate.reserve("player-1");
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void validConnectIsAccepted() throws Exception {
        try (PlayerSocket player = gate.open()) {
            ResultFrame result = player.connect(playerSessionId);

            assertEquals(ResultFrame.of(ResultCode.ACCEPTED), result);
            assertEquals(playerSessionId, RecordingListener.next(game.accepted).session().playerSessionId());
            assertEquals(PlayerSessionStatus.ACTIVE, gate.status(playerSessionId));
        }
    }

    @Test
    void httpRequestIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED,
                "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void repeatedTagIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame(sessionIdField(playerSessionId), sessionIdField(playerSessionId)));
    }

    @Test
    void repeatedUnknownTagIsMalformed() throws Exception {
        byte[] unknown = field(0x20, new byte[] {1});
        assertRefused(ResultCode.MALFORMED, frame(unknown, sessionIdField(playerSessionId), unknown));
    }

    @Test
    void fieldOverrunningTheFieldListIsMalformed() throws Exception {
        byte[] id = playerSessionId.getBytes(StandardCharsets.UTF_8);
        assertRefused(ResultCode.MALFORMED, frame(field(RawConnect.TAG_PLAYER_SESSION_ID, id.length + 1, id)));
    }

    @Test
    void fieldHeaderOverrunningTheFieldListIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame(sessionIdField(playerSessionId), new byte[] {0x20, 0x00}));
    }

    @Test
    void missingSessionIdIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame(field(0x02, "x".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void emptyFieldListIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame());
    }

    @Test
    void emptySessionIdIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame(field(RawConnect.TAG_PLAYER_SESSION_ID, new byte[0])));
    }

    @Test
    void sessionIdOverLimitIsMalformed() throws Exception {
        assertRefused(ResultCode.MALFORMED, frame(field(RawConnect.TAG_PLAYER_SESSION_ID, new byte[1025])));
    }

    @Test
    void oversizedFieldListIsMalformedFromTheHeaderAlone() throws Exception {
        // Only the 6-byte header: the answer must not wait for a body that never comes.
        assertRefused(ResultCode.MALFORMED, frame(4097));
    }

    @Test
    void largestFieldListIsAccepted() throws Exception {
        byte[] id = sessionIdField(playerSessionId);
        byte[] padding = field(0x7f, new byte[4096 - id.length - 3]);
        try (PlayerSocket player = gate.open()) {
            player.send(frame(id, padding));

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
        }
    }

    @Test
    void otherVersionIsUnsupported() throws Exception {
        byte[] connect = frame(sessionIdField(playerSessionId));
        connect[3] = 0x02;
        assertRefused(ResultCode.UNSUPPORTED_VERSION, connect);
    }

    @Test
    void otherVersionIsUnsupportedFromItsFourthByte() throws Exception {
        assertRefused(ResultCode.UNSUPPORTED_VERSION, new byte[] {0x54, 0x47, 0x54, 0x00});
    }

    @Test
    void unknownTagsAroundTheSessionIdAreSkipped() throws Exception {
        byte[] before = field(0x02, "client=test/1.0".getBytes(StandardCharsets.US_ASCII));
        byte[] emptyUnknown = field(0xff, new byte[0]);
        byte[] after = field(0x80, new byte[300]);
        try (PlayerSocket player = gate.open()) {
            player.send(frame(before, emptyUnknown, sessionIdField(playerSessionId), after));

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
            assertEquals(playerSessionId, RecordingListener.next(game.accepted).session().playerSessionId());
        }
    }

    @Test
    void connectSentByteByByteIsAccepted() throws Exception {
        try (PlayerSocket player = gate.open()) {
            for (byte b : frame(sessionIdField(playerSessionId))) {
                player.send(new byte[] {b});
            }

            assertEquals(ResultCode.ACCEPTED, player.readResult().code());
        }
    }

    /** Sends {@code bytes}, expects {@code code} then the agent's close, and that nothing was claimed. */
    private void assertRefused(ResultCode code, byte[] bytes) throws Exception {
        try (PlayerSocket player = gate.open()) {
            player.send(bytes);

            ResultFrame result = player.readResult();
            assertEquals(code, result.code(), result.detail());
            assertFalse(result.detail().isEmpty(), "a refusal says why");
            player.assertClosedByAgent();
        }
        assertTrue(game.accepted.isEmpty(), "a refused CONNECT must never reach the game");
        assertEquals(PlayerSessionStatus.RESERVED, gate.status(playerSessionId));
    }
}
