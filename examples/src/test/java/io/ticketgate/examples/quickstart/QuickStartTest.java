package io.ticketgate.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ticketgate.agent.TicketgateAgent;
import io.ticketgate.examples.chat.ChatGame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's quick start, run as written against a live chat server. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QuickStartTest {

    @Test
    void reservesThroughTheSdkAndThePlayerIsGreeted() throws Exception {
        try (TicketgateAgent agent = TicketgateAgent.builder().playerPort(0).controlPort(0)
                .playerBindAddress("127.0.0.1").listener(new ChatGame()).build().start()) {
            PrintStream console = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try {
                QuickStart.main(new String[] {"http://127.0.0.1:" + agent.controlPort()});
            } finally {
                System.setOut(console);
            }
            // Only what the quick start printed; the agent's log lines share the console.
            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
            assertTrue(lines.get(0).endsWith(" is ACTIVE"), lines.get(0));
            assertTrue(lines.get(1).endsWith("(RESERVED)"), lines.get(1));
            assertEquals("Player got ACCEPTED", lines.get(2));
            assertEquals("Game says: Welcome, Zoe!", lines.get(3));
            assertEquals("The player session is now ACTIVE", lines.get(4));
        }
    }
}
