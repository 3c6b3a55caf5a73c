package io.ticketgate.agent.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ReloadingTlsContextTest {

    @TempDir
    Path dir;

    @Test
    void filesThatDoNotLoadAreNamedWithTheReason() throws Exception {
        TestCertificates.Issued issued = TestCertificates.in(dir).issue("agent");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");

        String badCertificate = assertThrows(UncheckedIOException.class, () -> new ReloadingTlsContext("player port",
                new TlsFiles(notPem, issued.privateKeyFile()), 1000).load()).getMessage();
        assertTrue(badCertificate.startsWith("java.io.IOException: cannot load the player port's TLS certificate "
                + notPem + " and key " + issued.privateKeyFile() + ": "), badCertificate);

        String missingKey = assertThrows(UncheckedIOException.class, () -> new ReloadingTlsContext("control port",
                new TlsFiles(issued.certificateFile(), dir.resolve("missing.key")), 1000).load()).getMessage();
        assertTrue(missingKey.endsWith(": no such file " + dir.resolve("missing.key")), missingKey);
    }

    /** A Kubernetes secret volume: the files are symlinks through ..data, which a rotation re-points. */
    @Test
    void aSymlinkSwapAsKubernetesDoesIsAChange() throws Exception {
        Path first = Files.createDirectory(dir.resolve("..2026_01"));
        Path second = Files.createDirectory(dir.resolve("..2026_02"));
        TestCertificates.in(first).issue("tls");
        TestCertificates.in(second).issue("tls");
        Path data = Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path certificate = Files.createSymbolicLink(dir.resolve("tls.pem"), Path.of("..data", "tls.pem"));
        Path key = Files.createSymbolicLink(dir.resolve("tls.key"), Path.of("..data", "tls.key"));
        ReloadingTlsContext context = new ReloadingTlsContext("player port", new TlsFiles(certificate, key), 1000);
        context.load();
        assertFalse(context.reloadIfChanged(), "nothing changed yet");

        Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(swap, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertTrue(context.reloadIfChanged(), "the files' own times did not change, their content did");
        assertFalse(context.reloadIfChanged());
    }

    @Test
    void aBrokenNewPairIsTriedOnceAndTheNextGoodOneLoads() throws Exception {
        TestCertificates certificates = TestCertificates.in(dir);
        TestCertificates.Issued issued = certificates.issue("agent");
        ReloadingTlsContext context = new ReloadingTlsContext("player port", issued.files(), 1000);
        context.load();
        String good = Files.readString(issued.certificateFile());

        Files.writeString(issued.certificateFile(), "-----BEGIN CERTIFICATE-----\n");
        assertFalse(context.reloadIfChanged());
        assertFalse(context.reloadIfChanged(), "the same broken pair is not tried (nor warned about) again");
        SslHandler stillServing = context.newHandler(ByteBufAllocator.DEFAULT);
        assertNotNull(stillServing.engine(), "the old context still serves");
        ReferenceCountUtil.release(stillServing.engine());

        Files.writeString(issued.certificateFile(), good);
        assertTrue(context.reloadIfChanged());
    }
}
