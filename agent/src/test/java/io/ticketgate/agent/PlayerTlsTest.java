package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.ticketgate.agent.tls.TestCertificates;
import io.ticketgate.protocol.ConnectFrame;
import io.ticketgate.protocol.ResultCode;
import io.ticketgate.protocol.TgtClient;
import io.ticketgate.protocol.TgtConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The player port over TLS: TGT/1 inside it unchanged; plaintext closed unanswered; certificates reloaded. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PlayerTlsTest {

    @TempDir
    Path dir;

    private final RecordingListener game = new RecordingListener();
    private TestCertificates certificates;
    private TestCertificates.Issued issued;
    private LoopbackAgent gate;
    private TgtClient.Options tls;

    @BeforeEach
    void start() throws Exception {
        certificates = TestCertificates.in(dir);
        issued = certificates.issue("agent");
        gate = LoopbackAgent.start(game, settings -> settings
                .playerTls(issued.certificateFile(), issued.privateKeyFile())
                .handshakeTimeout(Duration.ofMillis(500)));
        tls = TgtClient.Options.defaults().withTls(certificates.clientContext());
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    private TgtConnection connectOverTls(String playerSessionId) throws IOException {
        return TgtClient.connect("127.0.0.1", gate.agent.playerPort(), playerSessionId, tls);
    }

    private static Certificate peerCertificate(TgtConnection connection) throws IOException {
        return ((SSLSocket) connection.socket()).getSession().getPeerCertificates()[0];
    }

    @Test
    void aTlsPlayerIsAcceptedAndTheGameSpeaksToItInsideTls() throws Exception {
        String playerSessionId = gate.reserve("player-1");
        try (TgtConnection player = connectOverTls(playerSessionId)) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            RecordingListener.Accepted accepted = game.accepted.poll(5, TimeUnit.SECONDS);
            assertEquals(playerSessionId, accepted.session().playerSessionId());
            accepted.connection().channel().writeAndFlush(Unpooled.copiedBuffer("WELCOME", StandardCharsets.US_ASCII));
            assertArrayEquals("WELCOME".getBytes(StandardCharsets.US_ASCII), player.input().readNBytes(7));
            assertEquals(issued.certificate(), peerCertificate(player));
        }
        assertEquals(PlayerSessionStatus.COMPLETED, awaitEnded(playerSessionId));
    }

    @Test
    void aPlaintextConnectGetsNoResultAndItsReservationStays() throws Exception {
        String playerSessionId = gate.reserve("player-1");
        try (Socket plain = new Socket("127.0.0.1", gate.agent.playerPort())) {
            plain.setSoTimeout(5_000);
            plain.getOutputStream().write(new ConnectFrame(playerSessionId).toBytes());
            byte[] answer = readUntilClosed(plain.getInputStream());
            assertFalse(startsWithTgtMagic(answer), "a plaintext RESULT was sent");
        }
        assertEquals(PlayerSessionStatus.RESERVED, gate.status(playerSessionId));
        assertTrue(game.accepted.isEmpty());

        try (TgtConnection player = connectOverTls(playerSessionId)) {
            assertEquals(ResultCode.ACCEPTED, player.code());
        }
    }

    @Test
    void aClientThatNeverStartsTlsIsClosedByTheHandshakeTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", gate.agent.playerPort())) {
            silent.setSoTimeout(5_000);
            assertEquals(0, readUntilClosed(silent.getInputStream()).length);
        }
    }

    @Test
    void overTheConnectionLimitBusyIsSentInsideTls() throws Exception {
        try (LoopbackAgent limited = LoopbackAgent.start(game, settings -> settings
                        .playerTls(issued.certificateFile(), issued.privateKeyFile()).maxConnections(1).ioThreads(1));
                Socket holder = new Socket("127.0.0.1", limited.agent.playerPort())) {
            // Counted as it is set up, in accept order on the one event loop: the TLS player is one too many.
            assertTrue(holder.isConnected());
            try (TgtConnection player = TgtClient.connect("127.0.0.1", limited.agent.playerPort(),
                    limited.reserve("player-1"), tls)) {
                assertEquals(ResultCode.BUSY, player.code());
            }
        }
    }

    @Test
    void aRotatedCertificateServesNewConnections() throws Exception {
        try (TgtConnection before = connectOverTls(gate.reserve("player-1"))) {
            assertEquals(issued.certificate(), peerCertificate(before));
            TestCertificates.Issued rotated = certificates.rotate(issued, "agent-rotated");

            assertTrue(gate.agent.reloadTlsIfChanged());
            assertFalse(gate.agent.reloadTlsIfChanged(), "unchanged files are not reloaded again");
            try (TgtConnection after = connectOverTls(gate.reserve("player-2"))) {
                assertEquals(ResultCode.ACCEPTED, after.code());
                assertEquals(rotated.certificate(), peerCertificate(after));
            }
            assertEquals(issued.certificate(), peerCertificate(before), "open connections keep theirs");
        }
    }

    @Test
    void aBrokenNewCertificateKeepsTheOldOne() throws Exception {
        Files.writeString(issued.certificateFile(), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n");

        assertFalse(gate.agent.reloadTlsIfChanged());
        try (TgtConnection player = connectOverTls(gate.reserve("player-1"))) {
            assertEquals(ResultCode.ACCEPTED, player.code());
            assertEquals(issued.certificate(), peerCertificate(player));
        }
    }

    private PlayerSessionStatus awaitEnded(String playerSessionId) throws InterruptedException {
        game.disconnected.poll(5, TimeUnit.SECONDS);
        return gate.status(playerSessionId);
    }

    /** Reads what the agent sends until it closes; a reset counts as closed. */
    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (java.net.SocketException reset) {
            return new byte[0];
        }
    }

    private static boolean startsWithTgtMagic(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == 'T' && bytes[1] == 'G' && bytes[2] == 'T';
    }
}
