package io.ticketgate.examples.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Examples read out of protocol/PROTOCOL.md, so the tests and the document cannot drift. */
final class ProtocolDocument {

    private ProtocolDocument() {
    }

    /** The bytes of the first text block after {@code marker}: the leading hex tokens of each line. */
    static byte[] hexBlockAfter(String marker) throws IOException {
        String document = read();
        int start = document.indexOf("```text", find(document, marker)) + "```text".length();
        String block = document.substring(start, document.indexOf("```", start));
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

    /** The code of the block in {@code language} that holds {@code text}. */
    static String codeBlockHolding(String language, String text) throws IOException {
        String document = read();
        String fence = "```" + language + "\n";
        int start = document.lastIndexOf(fence, find(document, text)) + fence.length();
        return document.substring(start, document.indexOf("```", start));
    }

    private static String read() throws IOException {
        return Files.readString(Path.of("..", "protocol", "PROTOCOL.md"));
    }

    private static int find(String document, String text) {
        int at = document.indexOf(text);
        if (at < 0) {
            throw new AssertionError("PROTOCOL.md lacks \"" + text + "\"");
        }
        return at;
    }
}
