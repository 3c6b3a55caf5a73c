package io.ticketgate.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.examples.DemoProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first command, {@code java -jar ticketgate-chat-demo.jar}, as a user runs it and gets it wrong. */
class ChatDemoIT {

    @Test
    void aBadPortIsOneLineAndExit2() throws Exception {
        try (DemoProcess demo = DemoProcess.javaJar("--port", "abc")) {
            assertEquals(2, demo.awaitExit(), demo.output());
            assertEquals(List.of("chat demo: --port: \"abc\" is not a port number (0-65535); --help lists the flags"),
                    demo.stderrLines());
            demo.assertOneLineWithoutStackTrace();
        }
    }

    @Test
    void aPlayerPortInUseIsNamedWithTheFlagThatPicksAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                DemoProcess demo = DemoProcess.javaJar("--port", String.valueOf(taken.getLocalPort()),
                        "--control-port", "0")) {
            assertEquals(2, demo.awaitExit(), demo.output());
            assertEquals(List.of("chat demo: 127.0.0.1:" + taken.getLocalPort()
                    + " is in use (--port picks another port)"), demo.stderrLines());
        }
    }

    @Test
    void aControlPortInUseIsNamedWithTheFlagThatPicksAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                DemoProcess demo = DemoProcess.javaJar("--port", "0",
                        "--control-port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(2, demo.awaitExit(), demo.output());
            assertEquals(List.of("chat demo: 127.0.0.1:" + taken.getLocalPort()
                    + " is in use (--control-port picks another port)"), demo.stderrLines());
        }
    }

    @Test
    void helpPrintsTheUsageAndExits0() throws Exception {
        try (DemoProcess demo = DemoProcess.javaJar("--help")) {
            assertEquals(0, demo.awaitExit(), demo.output());
            assertEquals(ChatDemo.USAGE.lines().toList(), demo.stdoutLines());
            assertTrue(demo.stderrLines().isEmpty(), demo.output());
        }
    }

    @Test
    void onFreePortsTheTourRunsToItsEnd() throws Exception {
        try (DemoProcess demo = DemoProcess.javaJar("--port", "0", "--control-port", "0")) {
            assertEquals(0, demo.awaitExit(), demo.output());
            List<String> lines = demo.stdoutLines();
            assertTrue(lines.contains("   Alice got ACCEPTED, Bob got ACCEPTED"), demo.output());
            assertEquals("Done. The agent stopped; every session it held is now COMPLETED or TIMEDOUT.",
                    lines.get(lines.size() - 1));
        }
    }
}
