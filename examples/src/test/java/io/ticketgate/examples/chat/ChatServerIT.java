package io.ticketgate.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.examples.DemoProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chat server and client of the shaded jar, as processes: in the background, and with a scripted player. */
class ChatServerIT {

    private static final Pattern BACKGROUND = Pattern.compile(
            "Chat server running in the background \\(pid (\\d+)\\); stop it with: kill (\\d+)");
    private static final Pattern TICKET = Pattern.compile(
            "  java -cp .* " + Pattern.quote(ChatClient.class.getName()) + " 127\\.0\\.0\\.1 (\\d+) (psess-\\S+)");

    @Test
    void inTheBackgroundItReturnsOnceReadyWithThePidAndASecondOneSaysThePortIsTaken() throws Exception {
        int controlPort = DemoProcess.freePort();
        try (DemoProcess launcher = DemoProcess.start(ChatServer.class, "--background", "--port", "0",
                "--control-port", String.valueOf(controlPort))) {
            assertEquals(0, launcher.awaitExit(), launcher.output());
            Matcher running = BACKGROUND.matcher(launcher.stdoutLines().get(launcher.stdoutLines().size() - 1));
            assertTrue(running.matches(), launcher.output());
            long pid = Long.parseLong(running.group(1));
            launcher.adopt(pid);
            assertEquals(running.group(1), running.group(2));
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid
                    + " is not running; " + launcher.output()));
            assertTrue(launcher.stdoutLines().stream().anyMatch(line -> line.startsWith("Chat server on port ")),
                    launcher.output());
            // A second one on the same control port must not take the first one's readiness for its own.
            try (DemoProcess second = DemoProcess.start(ChatServer.class, "--background", "--port", "0",
                    "--control-port", String.valueOf(controlPort))) {
                assertEquals(2, second.awaitExit(), second.output());
                second.assertOneLineWithoutStackTrace();
                assertEquals("chat server: 127.0.0.1:" + controlPort + " is in use (--control-port picks another port)",
                        second.stderrLines().get(0));
            }
            server.destroy();
            server.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPlayerWhoseInputEndsLeavesCleanlyAndTheServerSaysSo() throws Exception {
        try (DemoProcess server = DemoProcess.start(ChatServer.class, "--port", "0", "--control-port", "0", "Zoe")) {
            Matcher ticket = TICKET.matcher(server.awaitLine(line -> TICKET.matcher(line).matches()));
            assertTrue(ticket.matches());
            String playerSessionId = ticket.group(2);
            try (DemoProcess client = DemoProcess.start(Path.of("").toAbsolutePath(), ChatClient.class, "hi\n",
                    "127.0.0.1", ticket.group(1), playerSessionId)) {
                assertEquals(0, client.awaitExit(), client.output());
                assertEquals(List.of("Welcome, Zoe!", "Zoe: hi", "Bye, Zoe!"), client.stdoutLines());
            }
            server.awaitLine(line -> line.equals("Zoe joined: " + playerSessionId + " is ACTIVE"));
            server.awaitLine(line -> line.equals("Zoe left: " + playerSessionId + " is COMPLETED"));
        }
    }

    @Test
    void aClientWithABadPortOrNoServerSaysSoInOneLine() throws Exception {
        try (DemoProcess client = DemoProcess.start(ChatClient.class, "127.0.0.1", "abc", "psess-x")) {
            assertEquals(2, client.awaitExit(), client.output());
            client.assertOneLineWithoutStackTrace();
            assertTrue(client.stderrLines().get(0).startsWith("chat client: PORT: \"abc\" is not a port number"),
                    client.output());
        }
        int nobody = DemoProcess.freePort();
        try (DemoProcess client = DemoProcess.start(ChatClient.class, "127.0.0.1", String.valueOf(nobody), "psess-x")) {
            assertEquals(1, client.awaitExit(), client.output());
            client.assertOneLineWithoutStackTrace();
            assertTrue(client.stderrLines().get(0).startsWith("chat client: cannot reach 127.0.0.1:" + nobody),
                    client.output());
        }
    }
}
