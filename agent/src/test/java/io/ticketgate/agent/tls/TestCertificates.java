package io.ticketgate.agent.tls;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.ticketgate.protocol.TgtTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Certificates made at run time, never checked in: a test authority of its own and server
 * certificates it issues for 127.0.0.1 and localhost, written as an agent reads them (PEM, the
 * key PKCS#8) into a test's directory.
 */
public final class TestCertificates {

    private final X509Bundle authority;
    private final Path directory;

    private TestCertificates(X509Bundle authority, Path directory) {
        this.authority = authority;
        this.directory = directory;
    }

    /** A new authority; its files go into {@code directory}. */
    public static TestCertificates in(Path directory) throws Exception {
        return new TestCertificates(new CertificateBuilder().subject("CN=Ticketgate test authority").ecp256()
                .setIsCertificateAuthority(true).buildSelfSigned(), directory);
    }

    /** A server certificate with its key, as files. */
    public record Issued(X509Certificate certificate, Path certificateFile, Path privateKeyFile) {

        public TlsFiles files() {
            return new TlsFiles(certificateFile, privateKeyFile);
        }
    }

    /** Issues a certificate for 127.0.0.1 and localhost and writes it to {@code name}.pem and {@code name}.key. */
    public Issued issue(String name) throws Exception {
        X509Bundle server = new CertificateBuilder().subject("CN=" + name).ecp256()
                .addSanIpAddress("127.0.0.1").addSanDnsName("localhost")
                .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(authority);
        Path certificate = directory.resolve(name + ".pem");
        Path key = directory.resolve(name + ".key");
        Files.writeString(certificate, server.getCertificatePEM());
        Files.writeString(key, server.getPrivateKeyPEM());
        if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
        return new Issued(server.getCertificate(), certificate, key);
    }

    /** Writes another certificate over {@code target}'s files, as a rotation does. */
    public Issued rotate(Issued target, String name) throws Exception {
        Issued next = issue(name);
        Files.move(next.certificateFile(), target.certificateFile(), StandardCopyOption.REPLACE_EXISTING);
        Files.move(next.privateKeyFile(), target.privateKeyFile(), StandardCopyOption.REPLACE_EXISTING);
        return new Issued(next.certificate(), target.certificateFile(), target.privateKeyFile());
    }

    /** The authority's certificate as a PEM file, as a client is given it. */
    public Path authorityFile() throws IOException {
        Path file = directory.resolve("authority.pem");
        Files.writeString(file, authority.getCertificatePEM());
        return file;
    }

    /** Trust managers that trust this authority only, for HTTP clients. */
    public TrustManager[] trustManagers() {
        return authority.toTrustManagerFactory().getTrustManagers();
    }

    /** A client TLS context trusting this authority only. */
    public SSLContext clientContext() throws Exception {
        return TgtTls.trustingCertificate(authorityFile());
    }
}
