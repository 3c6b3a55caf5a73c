package io.ticketgate.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertEquals("a\\nb\\r\\tc\\u0000\\u001b[31m\\u0085", LogText.escape("a\nb\r\tc\u0000\u001b[31m\u0085"));
    }

    @Test
    void unicodeLineAndParagraphSeparatorsAreEscaped() {
        assertEquals("a\\u2028b\\u2029", LogText.escape("a\u2028b\u2029"));
    }

    @Test
    void aBackslashIsEscapedSoEscapesCannotBeForgedEither() {
        assertEquals("a\\\\nb", LogText.escape("a\\nb"));
    }

    @Test
    void longValuesAreCutSayingHowMuch() {
        String escaped = LogText.escape("x".repeat(LogText.MAX_CHARS + 10));
        assertTrue(escaped.endsWith("...(10 more)"), escaped);
        assertEquals(LogText.MAX_CHARS + "...(10 more)".length(), escaped.length());
    }

    @Test
    void nullIsADash() {
        assertEquals("-", LogText.escape(null));
    }
}
