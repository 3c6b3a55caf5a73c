package io.ticketgate.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.Admission;
import io.ticketgate.agent.AgentInternals;
import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.agent.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameSession;
import software.amazon.awssdk.services.gamelift.model.PlayerSession;

/** The control API over HTTPS: the real AWS SDK with an https:// endpoint; plain HTTP gets no answer. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlTlsTest {

    @TempDir
    Path dir;

    private TestCertificates certificates;
    private TestCertificates.Issued issued;
    private TicketgateAgent agent;

    @BeforeEach
    void start() throws Exception {
        certificates = TestCertificates.in(dir);
        issued = certificates.issue("control");
        agent = TicketgateAgent.builder()
                .playerPort(0)
                .controlPort(0)
                .controlTls(issued.certificateFile(), issued.privateKeyFile())
                .listener((session, connection) -> Admission.accepted())
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        agent.stop();
    }

    @Test
    void theSdkRunsOperationsOverHttps() {
        try (GameLiftClient client = GameLiftClient.builder()
                .endpointOverride(URI.create("https://127.0.0.1:" + agent.controlPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(certificates::trustManagers)
                        .build())
                .build()) {
            GameSession game = client.createGameSession(request -> request.fleetId("fleet-local")
                    .maximumPlayerSessionCount(2)).gameSession();
            PlayerSession player = client.createPlayerSession(request -> request
                    .gameSessionId(game.gameSessionId()).playerId("player-1")).playerSession();
            assertEquals("RESERVED", player.statusAsString());
            assertEquals(player.playerSessionId(), client.describePlayerSessions(request -> request
                    .playerSessionId(player.playerSessionId())).playerSessions().get(0).playerSessionId());
        }
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoHttpAnswer() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", agent.controlPort())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readUntilClosed(plain.getInputStream()), StandardCharsets.ISO_8859_1);
            assertFalse(answer.startsWith("HTTP/"), answer);
        }
    }

    @Test
    void aRotatedCertificateServesNewHttpsConnections() throws Exception {
        assertEquals(issued.certificate(), peerCertificate());
        TestCertificates.Issued rotated = certificates.rotate(issued, "control-rotated");
        assertTrue(AgentInternals.reloadTlsIfChanged(agent));
        assertEquals(rotated.certificate(), peerCertificate());
    }

    /** Returns the certificate the control port shows a new TLS connection. */
    private Certificate peerCertificate() throws Exception {
        try (SSLSocket socket = (SSLSocket) certificates.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", agent.controlPort())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException reset) {
            return new byte[0];
        }
    }
}
