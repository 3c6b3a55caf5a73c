package io.ticketgate.examples.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PROTOCOL.md's Python and Go code for signed headers, run as written against the document's
 * signed example: it accepts it within 30 s of its signing time and refuses it signed with
 * another secret or checked 31 s later.
 */
@Timeout(120)
class VerificationSnippetsTest {

    private static final String EXPECTED = "accepted\nwrong signature\nstale signing time\n";

    @TempDir
    Path dir;

    @Test
    void thePythonCodeChecksTheSignedExample() throws Exception {
        String script = ProtocolDocument.codeBlockHolding("python", "def verify_signed") + """

                import sys
                rest, at = bytes.fromhex(sys.argv[1])[16:], 1767225600000
                for key, now in ((b"ticketgate-example-secret", at + 29_000), (b"another", at),
                                 (b"ticketgate-example-secret", at + 31_000)):
                    try:
                        verify_signed(rest, 4, key, now)
                        print("accepted")
                    except ValueError as refused:
                        print(refused)
                """;
        Files.writeString(dir.resolve("verify.py"), script);
        assertEquals(EXPECTED, run(List.of("python3", "verify.py", exampleHex())));
    }

    @Test
    void theGoCodeReadsAndChecksTheSignedExample() throws Exception {
        boolean installed = goInstalled();
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI installs Go (golang-go)");
        }
        if (!installed) {
            // Said on the console too, where Maven shows it, not only in the surefire report.
            System.err.println("[WARNING] SKIPPED " + getClass().getName()
                    + ": Go is not installed (apt-get install golang-go)");
        }
        Assumptions.assumeTrue(installed, "Go is not installed");
        String program = """
                package main

                import ("bytes"; "crypto/hmac"; "crypto/sha256"; "encoding/binary"; "encoding/hex"; "errors"
                        "fmt"; "io"; "net"; "net/netip"; "os"; "time")

                """ + ProtocolDocument.codeBlockHolding("go", "func readPlayer")
                + ProtocolDocument.codeBlockHolding("go", "func verifySigned") + """

                func main() {
                	header, _ := hex.DecodeString(os.Args[1])
                	player, game := net.Pipe()
                	go func() { player.Write(header); player.Close() }()
                	_, _, tlvs, err := readPlayer(game)
                	if err != nil || tlvs[0xE0] != "psess-01" {
                		panic(err)
                	}
                	at := time.UnixMilli(1767225600000)
                	for _, check := range []struct { key string; now time.Time }{
                		{"ticketgate-example-secret", at.Add(29 * time.Second)}, {"another", at},
                		{"ticketgate-example-secret", at.Add(31 * time.Second)}} {
                		if err := verifySigned(header[16:], 4, []byte(check.key), check.now); err != nil {
                			fmt.Println(err)
                		} else {
                			fmt.Println("accepted")
                		}
                	}
                	_, _ = bytes.Equal, binary.BigEndian
                	_, _, _, _ = hmac.Equal, sha256.New, errors.New, io.ReadFull
                	var _ netip.Addr
                }
                """;
        Files.writeString(dir.resolve("main.go"), program);
        assertEquals(EXPECTED, run(List.of("go", "run", "main.go", exampleHex())));
    }

    private static boolean goInstalled() throws InterruptedException {
        try {
            Process go = new ProcessBuilder("go", "version").redirectErrorStream(true).start();
            return go.waitFor(30, TimeUnit.SECONDS) && go.exitValue() == 0;
        } catch (IOException notOnThePath) {
            return false;
        }
    }

    private static String exampleHex() throws IOException {
        return HexFormat.of().formatHex(SignedHeaderCheckTest.signedExampleHeader());
    }

    private String run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // Go's caches, in the test's own directory: the home directory may be read-only.
        builder.environment().put("GOCACHE", dir.resolve("go-cache").toString());
        builder.environment().put("GOPATH", dir.resolve("go-path").toString());
        builder.environment().put("GO111MODULE", "off");
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
