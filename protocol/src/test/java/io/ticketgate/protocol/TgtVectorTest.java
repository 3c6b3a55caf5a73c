package io.ticketgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vector format PROTOCOL.md documents: what it accepts, and that typos fail loudly. */
class TgtVectorTest {

    @Test
    void hexLinesRunOnAndRepeatTokensExpand() {
        List<TgtVector> vectors = TgtVector.parseAll("""
                text before
                ```tgt-vector
                name: v
                kind: connect-invalid
                code: 1
                code-name: MALFORMED
                hex: 54 47
                hex: 58 00*3
                ```
                text after
                """);
        assertEquals(1, vectors.size());
        assertArrayEquals(new byte[] {0x54, 0x47, 0x58, 0, 0, 0}, vectors.get(0).bytes());
    }

    @Test
    void valuesKeepColonsAndMayBeEmpty() {
        List<TgtVector> vectors = TgtVector.parseAll("""
                ```tgt-vector
                name: r
                kind: result
                code: 0
                code-name: ACCEPTED
                detail:
                hex: 00
                ```
                ```tgt-vector
                name: c
                kind: connect
                player-session-id: a:b
                hex: 00
                ```
                """);
        assertEquals("", vectors.get(0).value("detail"));
        assertEquals("a:b", vectors.get(1).value("player-session-id"));
    }

    @Test
    void otherCodeBlocksAreIgnored() {
        assertEquals(List.of(), TgtVector.parseAll("```text\nname: x\n```\n"));
    }

    @Test
    void mistakesAreRejected() {
        for (String block : List.of(
                "name: v\nkind: connect\nplayer-session-id: x\nhex: 5\n",
                "name: v\nkind: connect\nplayer-session-id: x\nhex: 54*0\n",
                "name: v\nkind: connect\nplayer-session-id: x\nhex: 54 GG\n",
                "name: v\nkind: connect\nplayer-session-id: x\n",
                "name: v\nkind: connect\nhex: 54\n",
                "name: v\nkind: connect\nplayer-session-id: x\ndetail: y\nhex: 54\n",
                "name: v\nkind: connect\nkind: connect\nplayer-session-id: x\nhex: 54\n",
                "name: v\nkind: handshake\nhex: 54\n",
                "name: v\nkind connect\n")) {
            assertThrows(IllegalArgumentException.class, () -> TgtVector.parseAll("```tgt-vector\n" + block + "```\n"),
                    () -> "accepted: " + Arrays.toString(block.split("\n")));
        }
    }

    @Test
    void unclosedBlockIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TgtVector.parseAll("```tgt-vector\nname: v\n"));
    }

    @Test
    void codeAndCodeNameMustAgree() {
        TgtVector vector = TgtVector.parseAll(
                "```tgt-vector\nname: v\nkind: connect-invalid\ncode: 2\ncode-name: MALFORMED\nhex: 54\n```\n").get(0);
        assertThrows(IllegalArgumentException.class, vector::code);
    }
}
