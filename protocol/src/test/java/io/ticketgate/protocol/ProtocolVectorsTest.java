package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every test vector in PROTOCOL.md against the codec, in both directions, so the bytes
 * that client authors in other languages test against are the bytes this code sends and accepts.
 */
class ProtocolVectorsTest {

    /** As many vectors as PROTOCOL.md holds today: losing one (a broken fence, say) fails. */
    private static final int EXPECTED_VECTORS = 31;

    private static List<TgtVector> vectors;

    @BeforeAll
    static void readProtocolDocument() throws IOException {
        // Surefire runs with the module directory as working directory.
        vectors = TgtVector.parseAll(Files.readString(Path.of("PROTOCOL.md"), StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyVectorMatchesTheCodec() {
        return vectors.stream().map(vector -> DynamicTest.dynamicTest(vector.name(), () -> check(vector)));
    }

    @Test
    void documentHoldsAllTheVectors() {
        assertTrue(vectors.size() >= EXPECTED_VECTORS,
                "PROTOCOL.md yields " + vectors.size() + " vectors, expected at least " + EXPECTED_VECTORS);
    }

    @Test
    void vectorNamesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (TgtVector vector : vectors) {
            assertTrue(seen.add(vector.name()), "vector name repeated: " + vector.name());
        }
    }

    @Test
    void everyResultCodeHasAVector() {
        Set<ResultCode> missing = EnumSet.allOf(ResultCode.class);
        vectors.stream().filter(vector -> vector.kind().equals("result")).map(TgtVector::code).forEach(missing::remove);
        assertEquals(Set.of(), missing, "result codes without a RESULT vector in PROTOCOL.md");
    }

    @Test
    void acceptedHasAVectorWithAnEmptyDetail() {
        assertTrue(vectors.stream().anyMatch(vector -> vector.kind().equals("result")
                && vector.code() == ResultCode.ACCEPTED && vector.value("detail").isEmpty()));
    }

    @Test
    void everyKindHasAVector() {
        Set<String> kinds = vectors.stream().map(TgtVector::kind).collect(Collectors.toSet());
        assertEquals(Set.of("connect", "connect-tolerated", "connect-invalid", "result"), kinds);
    }

    @Test
    void bothRejectionCodesOfTheParserHaveAVector() {
        Set<ResultCode> codes = vectors.stream().filter(vector -> vector.kind().equals("connect-invalid"))
                .map(TgtVector::code).collect(Collectors.toSet());
        assertEquals(Set.of(ResultCode.MALFORMED, ResultCode.UNSUPPORTED_VERSION), codes);
    }

    private static void check(TgtVector vector) throws IOException {
        switch (vector.kind()) {
            case "connect" -> checkConnect(vector);
            case "connect-tolerated" -> checkParsesTo(vector, vector.value("player-session-id"));
            case "connect-invalid" -> checkRejected(vector);
            case "result" -> checkResult(vector);
            default -> fail("unknown kind " + vector.kind());
        }
    }

    private static void checkConnect(TgtVector vector) {
        ConnectFrame frame = new ConnectFrame(vector.value("player-session-id"));
        assertEquals(hex(vector.bytes()), hex(frame.toBytes()), vector + ": encoded CONNECT");
        assertEquals(vector.bytes().length, frame.encodedLength(), vector + ": encodedLength()");
        ByteBuf out = Unpooled.buffer();
        try {
            frame.encode(out);
            assertEquals(hex(vector.bytes()), hex(toArray(out)), vector + ": encode(ByteBuf)");
        } finally {
            out.release();
        }
        checkParsesTo(vector, frame.playerSessionId());
    }

    private static void checkParsesTo(TgtVector vector, String playerSessionId) {
        ByteBuf in = Unpooled.wrappedBuffer(vector.bytes());
        try {
            ConnectParse.Complete complete = assertInstanceOf(ConnectParse.Complete.class, ConnectParser.parse(in),
                    vector + ": parsed");
            assertEquals(playerSessionId, complete.frame().playerSessionId(), vector + ": parsed id");
            assertEquals(vector.bytes().length, complete.frameLength(), vector + ": frame length");
        } finally {
            in.release();
        }
    }

    private static void checkRejected(TgtVector vector) {
        ByteBuf in = Unpooled.wrappedBuffer(vector.bytes());
        try {
            ConnectParse.Failure failure = assertInstanceOf(ConnectParse.Failure.class, ConnectParser.parse(in),
                    vector + ": parsed");
            assertEquals(vector.code(), failure.code(), vector + ": " + failure.detail());
        } finally {
            in.release();
        }
    }

    private static void checkResult(TgtVector vector) throws IOException {
        ResultFrame expected = new ResultFrame(vector.code(), vector.value("detail"));
        assertEquals(vector.value("detail"), expected.detail(), vector + ": the detail must fit unchanged");
        assertEquals(hex(vector.bytes()), hex(expected.toBytes()), vector + ": encoded RESULT");

        ByteBuf in = Unpooled.wrappedBuffer(vector.bytes());
        try {
            assertEquals(expected, ResultFrame.decode(in), vector + ": decoded");
            assertEquals(0, in.readableBytes(), vector + ": decode consumes the whole frame");
        } finally {
            in.release();
        }

        ByteArrayInputStream stream = new ByteArrayInputStream(vector.bytes());
        assertEquals(expected, ResultFrame.read(stream), vector + ": read");
        assertEquals(0, stream.available(), vector + ": read consumes the whole frame");
    }

    private static byte[] toArray(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    // Compared as hex so a mismatch shows where the bytes differ.
    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x ", b & 0xff));
        }
        return hex.toString().strip();
    }
}
