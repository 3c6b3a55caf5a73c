package io.ticketgate.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void aPlainValueIsLoggedAsItIsWithoutACopy() {
        String id = "psess-1b2c3d4e-0000-4000-8000-00000000abcd";
        assertSame(id, LogText.escape(id));
        String longest = "y".repeat(LogText.MAX_CHARS);
        assertSame(longest, LogText.escape(longest));
    }

    @Test
    void nullIsADash() {
        assertEquals("-", LogText.escape(null));
    }
}
