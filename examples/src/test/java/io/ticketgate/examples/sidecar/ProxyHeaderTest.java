package io.ticketgate.examples.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo game server's hand-written reader, against PROTOCOL.md's own example header. */
class ProxyHeaderTest {

    @Test
    void readsTheHeaderOfTheProtocolDocumentAndStopsAtThePlayersFirstByte() throws IOException {
        byte[] header = exampleHeaderFromProtocolDocument();
        byte[] stream = new byte[header.length + 2];
        System.arraycopy(header, 0, stream, 0, header.length);
        stream[header.length] = 'h';
        stream[header.length + 1] = 'i';
        InputStream in = new ByteArrayInputStream(stream);

        ProxyHeader who = ProxyHeader.read(in);

        assertEquals(new ProxyHeader("192.0.2.7", 54321, "psess-01", "player-01", "gsess-1", "{\"elo\":1200}"), who);
        assertEquals("hi", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void refusesAStreamWithoutTheSignature() {
        InputStream in = new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThrows(IOException.class, () -> ProxyHeader.read(in));
    }

    private static byte[] exampleHeaderFromProtocolDocument() throws IOException {
        return ProtocolDocument.hexBlockAfter("The header for player session `psess-01`");
    }
}
