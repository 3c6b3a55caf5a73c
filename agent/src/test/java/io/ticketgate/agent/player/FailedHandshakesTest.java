package io.ticketgate.agent.player;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ticketgate.protocol.ResultCode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedHandshakesTest {

    private final FailedHandshakes failures = new FailedHandshakes();

    private List<String> report() {
        List<String> lines = new ArrayList<>();
        failures.report("10s", lines::add);
        return lines;
    }

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) last});
    }

    @Test
    void onlyTheClientsOwnFailuresAreCountedBusiestAddressFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            failures.record(address(1), ResultCode.UNKNOWN_SESSION);
        }
        failures.record(address(2), ResultCode.MALFORMED);
        failures.record(address(2), ResultCode.HANDSHAKE_TIMEOUT);
        failures.record(address(3), ResultCode.ACCEPTED);
        failures.record(address(3), ResultCode.BUSY);
        failures.record(address(3), ResultCode.REJECTED_BY_GAME);
        assertEquals(List.of("failed handshakes from 198.51.100.1: 5 in the last 10s",
                "failed handshakes from 198.51.100.2: 2 in the last 10s"), report());
        assertEquals(List.of(), report(), "each report starts afresh");
    }

    @Test
    void aFloodFromManyAddressesIsReportedInAFewLinesWithBoundedMemory() throws Exception {
        for (int i = 0; i < FailedHandshakes.MAX_ADDRESSES + 500; i++) {
            byte[] bytes = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            failures.record(InetAddress.getByAddress(bytes), ResultCode.UNKNOWN_SESSION);
        }
        List<String> lines = report();
        assertEquals(FailedHandshakes.LINES_PER_REPORT + 1, lines.size());
        assertEquals("failed handshakes from other addresses: "
                + (FailedHandshakes.MAX_ADDRESSES + 500 - FailedHandshakes.LINES_PER_REPORT) + " in the last 10s",
                lines.get(lines.size() - 1));
    }
}
