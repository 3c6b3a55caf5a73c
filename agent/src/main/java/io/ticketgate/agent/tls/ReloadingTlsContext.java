package io.ticketgate.agent.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.ticketgate.agent.runtime.FileAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's TLS context, built from its PEM files and rebuilt when they change, so a certificate
 * rotated on disk (cert-manager, a Kubernetes secret) serves new connections without a restart;
 * connections already open keep the certificate they started with.
 *
 * <p>Changes are found by content, not by modification time: a Kubernetes secret mount swaps a
 * symlink, which leaves the files' own times alone. A pair that does not load keeps the old
 * context and logs one warning. Thread-safe: {@link #newHandler} may run on any event loop
 * while {@link #reloadIfChanged} runs on a timer.
 */
public final class ReloadingTlsContext {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContext.class);

    private final String name;
    private final TlsFiles files;
    private final long handshakeTimeoutMillis;
    private final AtomicReference<SslContext> context = new AtomicReference<>();
    /** The digest of the files last tried, loaded or not: a broken pair is warned about once. */
    private byte[] triedDigest;

    /**
     * @param name what the context serves, for messages, e.g. "player port"
     * @param handshakeTimeoutMillis how long a client has to finish the TLS handshake
     */
    public ReloadingTlsContext(String name, TlsFiles files, long handshakeTimeoutMillis) {
        this.name = name;
        this.files = files;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /**
     * Loads the files for the first time.
     *
     * @throws UncheckedIOException naming the files and what is wrong with them
     */
    public synchronized void load() {
        Contents contents;
        try {
            contents = read();
            context.set(build(contents));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot load the " + name + "'s TLS certificate "
                    + files.certificate() + " and key " + files.privateKey() + ": " + reason(e), e));
        }
        triedDigest = contents.digest();
        warnIfKeyIsReadableByOthers();
    }

    /**
     * Loads the files again if their content changed since they were last tried.
     *
     * @return true if a new context now serves new connections
     */
    public synchronized boolean reloadIfChanged() {
        Contents contents;
        try {
            contents = read();
        } catch (IOException e) {
            // Mid-rotation, one file may be briefly missing: the next check sees the finished swap.
            LOG.debug("cannot read the {}'s TLS files: {}", name, reason(e));
            return false;
        }
        if (Arrays.equals(contents.digest(), triedDigest)) {
            return false;
        }
        triedDigest = contents.digest();
        try {
            context.set(build(contents));
        } catch (IOException e) {
            LOG.warn("The {}'s new TLS certificate {} and key {} do not load, still serving the previous ones: {}",
                    name, files.certificate(), files.privateKey(), reason(e));
            return false;
        }
        LOG.info("The {} serves new connections with the certificate reloaded from {}", name, files.certificate());
        warnIfKeyIsReadableByOthers();
        return true;
    }

    /** Returns a handler for a new connection, with the current certificate. */
    public SslHandler newHandler(ByteBufAllocator allocator) {
        SslHandler handler = context.get().newHandler(allocator);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    /** Returns which TLS implementation serves: OpenSSL where netty-tcnative loads, else the JDK's. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    private record Contents(byte[] certificate, byte[] privateKey, byte[] digest) {
    }

    private Contents read() throws IOException {
        byte[] certificate = Files.readAllBytes(files.certificate());
        byte[] privateKey = Files.readAllBytes(files.privateKey());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate);
            sha256.update(privateKey);
            return new Contents(certificate, privateKey, sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static SslContext build(Contents contents) throws IOException {
        try {
            return SslContextBuilder.forServer(new ByteArrayInputStream(contents.certificate()),
                            new ByteArrayInputStream(contents.privateKey()))
                    .sslProvider(provider())
                    .build();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // Netty reports bad PEM as IllegalArgumentException or SSLException, with causes.
            throw new IOException(reason(e), e);
        }
    }

    private void warnIfKeyIsReadableByOthers() {
        if (FileAccess.othersMayRead(files.privateKey())) {
            LOG.warn("The {}'s TLS private key {} can be read by users other than its owner; chmod 600 it",
                    name, files.privateKey());
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file " + missing.getFile();
        }
        if (e instanceof AccessDeniedException denied) {
            return "permission denied to read " + denied.getFile();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.replaceAll("\\s+", " ");
    }
}
