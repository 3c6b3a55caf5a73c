package io.ticketgate.examples.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo game server given the upstream secret, over a real loopback socket. */
@Timeout(10)
class GreeterGameServerTest {

    private static final Clock AT_SIGNING_TIME =
            Clock.fixed(SignedHeaderCheckTest.EXAMPLE_SIGNING_TIME.plusSeconds(2), ZoneOffset.UTC);

    /**
     * Sends {@code header}, then {@code line} if not null; returns what the game server answers
     * until it closes, null for nothing. (A refused header is sent alone: bytes left unread
     * would make the game server's close a reset.)
     */
    private static String exchange(byte[] header, String line) throws IOException {
        try (GreeterGameServer greeter = new GreeterGameServer(0, SignedHeaderCheckTest.EXAMPLE_SECRET,
                AT_SIGNING_TIME);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), greeter.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(header);
            if (line != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            socket.shutdownOutput();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder lines = new StringBuilder();
            for (String answer = in.readLine(); answer != null; answer = in.readLine()) {
                lines.append(answer).append('\n');
            }
            return lines.isEmpty() ? null : lines.toString();
        }
    }

    @Test
    void aSignedHeaderIsGreeted() throws IOException {
        assertEquals("Hello, {\"elo\":1200}! You are player-01 from 192.0.2.7:54321, in gsess-1\n"
                + "{\"elo\":1200} said: gg\n", exchange(SignedHeaderCheckTest.signedExampleHeader(), "gg"));
    }

    @Test
    void aHeaderWithAWrongSignatureIsClosedUngreeted() throws IOException {
        byte[] forged = SignedHeaderCheckTest.signedExampleHeader();
        forged[forged.length - 1] ^= 0x40;

        assertNull(exchange(forged, null));
    }

    @Test
    void anUnsignedHeaderIsClosedUngreeted() throws IOException {
        assertNull(exchange(ProtocolDocument.hexBlockAfter("The header for player session `psess-01`"), null));
    }
}
