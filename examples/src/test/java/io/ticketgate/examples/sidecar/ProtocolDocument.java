package io.ticketgate.examples.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Example bytes read out of protocol/PROTOCOL.md, so the tests and the document cannot drift. */
final class ProtocolDocument {

    private ProtocolDocument() {
    }

    /** The bytes of the first text block after {@code marker}: the leading hex tokens of each line. */
    static byte[] hexBlockAfter(String marker) throws IOException {
        String document = Files.readString(Path.of("..", "protocol", "PROTOCOL.md"));
        int at = document.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("PROTOCOL.md lacks \"" + marker + "\"");
        }
        int example = document.indexOf("```text", at);
        String block = document.substring(example + "```text".length(), document.indexOf("```", example + 7));
        StringBuilder hex = new StringBuilder();
        for (String line : block.strip().split("\n")) {
            for (String token : line.trim().split(" +")) {
                if (!token.matches("[0-9a-f]{2}")) {
                    break;
                }
                hex.append(token);
            }
        }
        return HexFormat.of().parseHex(hex);
    }
}
