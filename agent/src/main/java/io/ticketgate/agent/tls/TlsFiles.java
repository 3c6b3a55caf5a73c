package io.ticketgate.agent.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A port's certificate and private key, as PEM files: the certificate chain (leaf first) and
 * the key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). Both are read again whenever either
 * changes on disk.
 */
public record TlsFiles(Path certificate, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
