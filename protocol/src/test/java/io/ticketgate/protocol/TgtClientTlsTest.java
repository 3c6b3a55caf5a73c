package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TGT/1 inside TLS: the same bytes, after a handshake the client verifies. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TgtClientTlsTest {

    private static final String ID = "psess-1b2c3d4e-0000-4000-8000-00000000abcd";
    private static final char[] PASSWORD = "test".toCharArray();

    @TempDir
    Path dir;

    /** An agent's certificate naming {@code sanIp}, issued by a test authority of its own. */
    private static X509Bundle certificate(String sanIp) throws Exception {
        X509Bundle authority = new CertificateBuilder().subject("CN=test authority").ecp256()
                .setIsCertificateAuthority(true).buildSelfSigned();
        return new CertificateBuilder().subject("CN=agent").addSanIpAddress(sanIp).ecp256()
                .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                .addExtendedKeyUsageServerAuth().buildIssuedBy(authority);
    }

    private static FakeAgent tlsAgent(X509Bundle certificate, FakeAgent.Script script) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(certificate.toKeyStore(PASSWORD), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return new FakeAgent(server, script);
    }

    /** The authority that issued {@code certificate}, as a client is given it. */
    private Path pem(X509Bundle certificate) throws Exception {
        Path file = dir.resolve("agent.pem");
        Files.writeString(file, certificate.getRootCertificatePEM());
        return file;
    }

    @Test
    void connectAndGameBytesTravelInsideTls() throws Exception {
        X509Bundle certificate = certificate("127.0.0.1");
        try (FakeAgent agent = tlsAgent(certificate, socket -> {
            assertTrue(socket instanceof SSLSocket);
            InputStream in = socket.getInputStream();
            assertEquals(ID, FakeAgent.readConnect(in).playerSessionId());
            assertArrayEquals(ascii("HELLO"), in.readNBytes(5));
            socket.getOutputStream().write(ResultFrame.of(ResultCode.ACCEPTED).toBytes());
            socket.getOutputStream().write(ascii("WELCOME"));
            assertEquals(-1, in.read());
        })) {
            TgtClient.Options options = TgtClient.Options.defaults()
                    .withTls(TgtTls.trustingCertificate(pem(certificate)))
                    .withPipelined(ascii("HELLO"));
            try (TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID, options)) {
                assertTrue(connection.accepted());
                assertTrue(connection.socket() instanceof SSLSocket);
                assertArrayEquals(ascii("WELCOME"), connection.input().readNBytes(7));
            }
            agent.awaitScript();
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedUnlessVerificationIsOff() throws Exception {
        X509Bundle certificate = certificate("10.9.8.7");
        TgtClient.Options verifying = TgtClient.Options.defaults()
                .withTls(TgtTls.trustingCertificate(pem(certificate)));
        try (FakeAgent agent = tlsAgent(certificate, socket -> socket.getInputStream().read())) {
            assertThrows(SSLHandshakeException.class, () -> TgtClient.connect(agent.host(), agent.port(), ID, verifying));
        }
        try (FakeAgent agent = tlsAgent(certificate, socket -> {
            FakeAgent.readConnect(socket.getInputStream());
            socket.getOutputStream().write(ResultFrame.of(ResultCode.ACCEPTED).toBytes());
        })) {
            try (TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID,
                    verifying.withoutHostnameVerification())) {
                assertTrue(connection.accepted());
            }
            agent.awaitScript();
        }
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        try (FakeAgent agent = tlsAgent(certificate("127.0.0.1"), socket -> socket.getInputStream().read())) {
            TgtClient.Options systemTrust = TgtClient.Options.defaults().withTls(TgtTls.systemTrust());
            assertThrows(SSLHandshakeException.class, () -> TgtClient.connect(agent.host(), agent.port(), ID,
                    systemTrust));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
