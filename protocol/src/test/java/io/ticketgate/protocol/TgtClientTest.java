package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// Blocking socket reads ignore interrupts: a separate thread lets the timeout fail a hung test.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TgtClientTest {

    private static final String ID = "psess-1b2c3d4e-0000-4000-8000-00000000abcd";

    @Test
    void acceptedConnectionBelongsToTheGame() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            InputStream in = socket.getInputStream();
            assertEquals(ID, FakeAgent.readConnect(in).playerSessionId());
            // RESULT and the game's first bytes in one write: the client must not read past the RESULT.
            socket.getOutputStream().write(cat(new ResultFrame(ResultCode.ACCEPTED, "welcome").toBytes(), ascii("HELLO")));
            assertArrayEquals(ascii("PING"), in.readNBytes(4));
            socket.getOutputStream().write(ascii("PONG"));
            assertEquals(-1, in.read());
        })) {
            TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID);
            assertTrue(connection.accepted());
            assertEquals(ResultCode.ACCEPTED, connection.code());
            assertEquals("welcome", connection.detail());
            assertArrayEquals(ascii("HELLO"), connection.input().readNBytes(5));
            connection.output().write(ascii("PING"));
            assertArrayEquals(ascii("PONG"), connection.input().readNBytes(4));

            Socket socket = connection.socket();
            assertTrue(socket.getTcpNoDelay());
            assertEquals(0, socket.getSoTimeout(), "the RESULT read timeout must not outlive the handshake");
            connection.close();
            connection.close();
            assertTrue(socket.isClosed());
            agent.awaitScript();
        }
    }

    @Test
    void pipelinedBytesFollowConnectBeforeTheResult() throws Exception {
        byte[] hello = ascii("GAME HELLO v1");
        try (FakeAgent agent = new FakeAgent(socket -> {
            InputStream in = socket.getInputStream();
            assertEquals(ID, FakeAgent.readConnect(in).playerSessionId());
            // Read before answering: proves the client sent them without waiting for the RESULT.
            assertArrayEquals(hello, in.readNBytes(hello.length));
            socket.getOutputStream().write(ResultFrame.of(ResultCode.ACCEPTED).toBytes());
            assertEquals(-1, in.read());
        })) {
            TgtClient.Options options = TgtClient.Options.defaults().withPipelined(hello);
            try (TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID, options)) {
                assertTrue(connection.accepted());
                assertEquals("", connection.detail());
            }
            agent.awaitScript();
        }
    }

    @Test
    void rejectedConnectionIsReportedAndClosed() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            FakeAgent.readConnect(socket.getInputStream());
            socket.getOutputStream().write(new ResultFrame(ResultCode.SESSION_COMPLETED, "player session has ended").toBytes());
        })) {
            TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID);
            assertFalse(connection.accepted());
            assertEquals(ResultCode.SESSION_COMPLETED, connection.code());
            assertEquals("player session has ended", connection.detail());
            assertTrue(connection.socket().isClosed());
            IllegalStateException e = assertThrows(IllegalStateException.class, connection::input);
            assertTrue(e.getMessage().contains("SESSION_COMPLETED"), e.getMessage());
            assertThrows(IllegalStateException.class, connection::output);
            agent.awaitScript();
        }
    }

    @Test
    void agentClosingBeforeTheResultIsAnIoException() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> FakeAgent.readConnect(socket.getInputStream()))) {
            EOFException e = assertThrows(EOFException.class, () -> TgtClient.connect(agent.host(), agent.port(), ID));
            assertTrue(e.getMessage().contains("connection closed before a RESULT frame arrived"), e.getMessage());
            assertTrue(e.getMessage().contains(agent.host() + ":" + agent.port()), e.getMessage());
            agent.awaitScript();
        }
    }

    @Test
    void agentClosingInsideTheResultIsAnIoException() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            FakeAgent.readConnect(socket.getInputStream());
            socket.getOutputStream().write(new byte[] {0x54, 0x47, 0x54, 0x01});
        })) {
            EOFException e = assertThrows(EOFException.class, () -> TgtClient.connect(agent.host(), agent.port(), ID));
            assertTrue(e.getMessage().contains("4 of the 7"), e.getMessage());
            agent.awaitScript();
        }
    }

    @Test
    void silentAgentTimesOut() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            InputStream in = socket.getInputStream();
            FakeAgent.readConnect(in);
            // Never answer; the client gives up and closes.
            assertEquals(-1, in.read());
        })) {
            TgtClient.Options options = TgtClient.Options.defaults().withReadTimeout(Duration.ofMillis(100));
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> TgtClient.connect(agent.host(), agent.port(), ID, options));
            assertTrue(e.getMessage().contains("within 100 ms"), e.getMessage());
            agent.awaitScript();
        }
    }

    @Test
    void peerThatIsNotAnAgentIsAnIoException() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            FakeAgent.readConnect(socket.getInputStream());
            socket.getOutputStream().write(ascii("HTTP/1.1 400 Bad Request\r\n\r\n"));
        })) {
            IOException e = assertThrows(IOException.class, () -> TgtClient.connect(agent.host(), agent.port(), ID));
            assertTrue(e.getMessage().contains("magic"), e.getMessage());
            agent.awaitScript();
        }
    }

    @Test
    void invalidIdFailsBeforeAnythingIsSent() throws Exception {
        try (FakeAgent agent = new FakeAgent(socket -> {
            // The one connection the agent sees carries the valid id: the invalid one never connected.
            assertEquals(ID, FakeAgent.readConnect(socket.getInputStream()).playerSessionId());
            socket.getOutputStream().write(ResultFrame.of(ResultCode.ACCEPTED).toBytes());
        })) {
            assertThrows(IllegalArgumentException.class, () -> TgtClient.connect(agent.host(), agent.port(), ""));
            String tooLong = "a".repeat(Tgt.MAX_PLAYER_SESSION_ID_LENGTH + 1);
            assertThrows(IllegalArgumentException.class, () -> TgtClient.connect(agent.host(), agent.port(), tooLong));
            try (TgtConnection connection = TgtClient.connect(agent.host(), agent.port(), ID)) {
                assertTrue(connection.accepted());
            }
            agent.awaitScript();
        }
    }

    @Test
    void optionsFailFastNamingTheSetting() {
        TgtClient.Options defaults = TgtClient.Options.defaults();
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> defaults.withReadTimeout(Duration.ZERO));
        assertTrue(zero.getMessage().startsWith("readTimeout"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> defaults.withConnectTimeout(Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().startsWith("connectTimeout"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.withReadTimeout(Duration.ofDays(365)));
        assertThrows(NullPointerException.class, () -> defaults.withConnectTimeout(null));
    }

    @Test
    void optionsHoldTheirOwnCopyOfThePipelinedBytes() {
        byte[] bytes = ascii("HELLO");
        TgtClient.Options options = TgtClient.Options.defaults().withPipelined(bytes);
        bytes[0] = 'J';
        options.pipelined()[1] = 'A';
        assertArrayEquals(ascii("HELLO"), options.pipelined());
        assertEquals(TgtClient.Options.defaults().withPipelined(ascii("HELLO")), options);
        assertNotEquals(TgtClient.Options.defaults(), options);
        assertArrayEquals(new byte[0], TgtClient.Options.defaults().withPipelined(null).pipelined());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TgtClient.Options defaults = TgtClient.Options.defaults();
        assertEquals(Duration.ofSeconds(5), defaults.connectTimeout());
        assertEquals(Duration.ofSeconds(10), defaults.readTimeout());
        assertEquals(0, defaults.pipelined().length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
