package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.ResultFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client that does not finish its CONNECT in time is answered HANDSHAKE_TIMEOUT and closed. */
@Timeout(10)
class HandshakeTimeoutTest {

    private final RecordingListener game = new RecordingListener();
    private LoopbackAgent gate;
    private String playerSessionId;

    @BeforeEach
    void start() {
        gate = LoopbackAgent.start(game, settings -> settings.handshakeTimeout(Duration.ofMillis(200)));
        playerSessionId = gate.reserve("player-1");
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    @Test
    void silentClientTimesOut() throws Exception {
        try (PlayerSocket player = gate.open()) {
            assertTimedOut(player);
        }
    }

    @Test
    void halfAFrameTimesOut() throws Exception {
        byte[] connect = new ConnectFrame(playerSessionId).toBytes();
        try (PlayerSocket player = gate.open()) {
            player.send(Arrays.copyOf(connect, connect.length / 2));

            assertTimedOut(player);
        }
        assertEquals(PlayerSessionStatus.RESERVED, gate.status(playerSessionId));
    }

    @Test
    void headerWithoutItsFieldsTimesOut() throws Exception {
        try (PlayerSocket player = gate.open()) {
            player.send(RawConnect.frame(40));

            assertTimedOut(player);
        }
    }

    @Test
    void acceptedPlayerOutlivesTheHandshakeTimeout() throws Exception {
        // The game speaks first, well after the handshake timeout: had the timer survived the
        // CONNECT, the player would read a HANDSHAKE_TIMEOUT and a close instead.
        game.admitting((session, connection) -> {
            connection.channel().eventLoop().schedule(
                    () -> connection.channel().writeAndFlush(Unpooled.copiedBuffer("alive", StandardCharsets.US_ASCII)),
                    600, TimeUnit.MILLISECONDS);
            return Admission.accepted();
        });
        try (PlayerSocket player = gate.open()) {
            assertEquals(ResultCode.ACCEPTED, player.connect(playerSessionId).code());

            assertEquals("alive", new String(player.readBytes(5), StandardCharsets.US_ASCII));
        }
        assertEquals(DisconnectReason.CONNECTION_CLOSED, RecordingListener.next(game.disconnected).reason());
    }

    private void assertTimedOut(PlayerSocket player) throws Exception {
        ResultFrame result = player.readResult();
        assertEquals(ResultCode.HANDSHAKE_TIMEOUT, result.code());
        assertTrue(result.detail().contains("200 ms"), result.detail());
        player.assertClosedByAgent();
        assertTrue(game.accepted.isEmpty());
    }
}
