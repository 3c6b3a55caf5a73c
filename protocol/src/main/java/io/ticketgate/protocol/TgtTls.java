package io.ticketgate.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for {@link TgtClient.Options#withTls}: which certificates a client trusts when the
 * agent's player port speaks TLS. Each verifies the agent's certificate chain; the client also
 * checks that the certificate names the host unless told otherwise
 * ({@link TgtClient.Options#withoutHostnameVerification()}).
 */
public final class TgtTls {

    private TgtTls() {
    }

    /**
     * Trusts the certificate authorities the JDK trusts (its {@code cacerts}), as browsers do:
     * for an agent whose certificate a public or corporate authority issued.
     *
     * @return the JDK's default TLS context
     * @throws GeneralSecurityException if the JDK has no default TLS context
     */
    public static SSLContext systemTrust() throws GeneralSecurityException {
        return SSLContext.getDefault();
    }

    /**
     * Trusts the certificates (authorities or leaves) in {@code trustStore}.
     *
     * @param trustStore a loaded key store of trusted certificates
     * @return a TLS context trusting them only
     * @throws GeneralSecurityException if the store cannot be used
     */
    public static SSLContext trustStore(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Trusts exactly the certificates in a PEM file, and no authority: for an agent with a
     * self-signed certificate or a private authority, given to the client beforehand.
     *
     * @param pemCertificates a PEM file of one or more certificates (an agent's certificate, or
     *     the authority that issued it)
     * @return a TLS context trusting them only
     * @throws IOException if the file cannot be read
     * @throws GeneralSecurityException if it holds no certificate or a malformed one
     */
    public static SSLContext trustingCertificate(Path pemCertificates) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemCertificates)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pemCertificates);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + index++, certificate);
        }
        return trustStore(store);
    }
}
