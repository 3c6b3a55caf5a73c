package io.ticketgate.agent.control;

import io.netty.buffer.ByteBuf;
import io.ticketgate.agent.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: the JDK's decoder refuses overlong forms, encoded surrogates and code points
 * above U+10FFFF, which lenient readers turn into other text ({@code c0 af} into {@code /}).
 */
final class Utf8 {

    private Utf8() {
    }

    /** @throws InvalidRequestException if the bytes are not well-formed UTF-8 */
    static void requireWellFormed(ByteBuf bytes) {
        decode(bytes.nioBuffer());
    }

    /** @throws InvalidRequestException if the bytes are not well-formed UTF-8 */
    static String decode(byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }

    private static String decode(ByteBuffer bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("the request holds text that is not well-formed UTF-8");
        }
    }
}
