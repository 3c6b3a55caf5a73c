package io.ticketgate.examples.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.examples.DemoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sidecar demo of the shaded jar, run from a directory that is not the repository's. */
class SidecarDemoIT {

    @Test
    void runsFromAnyDirectoryAndThePlayerIsAccepted() throws Exception {
        assertTrue(Files.isRegularFile(DemoProcess.AGENT_JAR), "build the agent jar first: " + DemoProcess.AGENT_JAR);
        Path elsewhere = Path.of(System.getProperty("java.io.tmpdir"));
        try (DemoProcess demo = DemoProcess.start(elsewhere, SidecarDemo.class, "", "--port", "0",
                "--control-port", String.valueOf(DemoProcess.freePort()), "--game-port", "0")) {
            assertEquals(0, demo.awaitExit(), demo.output());
            assertTrue(demo.stdoutLines().contains("== Ada connects to the agent: ACCEPTED"), demo.output());
            assertTrue(demo.stdoutLines().contains("== The agent got SIGTERM and exited with 0"), demo.output());
        }
    }

    @Test
    void theGameServerOnItsOwnSaysAMistakeInOneLine() throws Exception {
        try (DemoProcess greeter = DemoProcess.start(GreeterGameServer.class, "--secret-file", "/no/such/secret")) {
            assertEquals(2, greeter.awaitExit(), greeter.output());
            greeter.assertOneLineWithoutStackTrace();
            assertEquals("greeter game server: --secret-file: cannot read /no/such/secret (no such file)",
                    greeter.stderrLines().get(0));
        }
    }
}
