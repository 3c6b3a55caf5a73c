package io.ticketgate.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code tgt-vector} block of PROTOCOL.md, parsed as the document's "Format" section
 * describes. Parsing is strict, so a typo in the document fails the build instead of silently
 * dropping a vector.
 *
 * @param name the vector's unique name
 * @param kind connect, connect-tolerated, connect-invalid or result
 * @param values every key but {@code hex}, as written
 * @param bytes the {@code hex} lines, decoded and joined
 */
record TgtVector(String name, String kind, Map<String, String> values, byte[] bytes) {

    static final String FENCE = "```tgt-vector";

    private static final Map<String, Set<String>> KEYS_BY_KIND = Map.of(
            "connect", Set.of("name", "kind", "player-session-id", "hex"),
            "connect-tolerated", Set.of("name", "kind", "player-session-id", "hex"),
            "connect-invalid", Set.of("name", "kind", "code", "code-name", "hex"),
            "result", Set.of("name", "kind", "code", "code-name", "detail", "hex"));

    /**
     * Returns the value of {@code key}.
     *
     * @throws IllegalArgumentException if the vector has no such key
     */
    String value(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(name + ": no '" + key + "'");
        }
        return value;
    }

    /** Returns the code named by {@code code} and {@code code-name}, which must agree. */
    ResultCode code() {
        ResultCode code = ResultCode.fromWireValue(Integer.parseInt(value("code")));
        if (!code.name().equals(value("code-name"))) {
            throw new IllegalArgumentException(name + ": code " + code.wireValue() + " is " + code
                    + ", not " + value("code-name"));
        }
        return code;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Extracts every vector from a markdown document.
     *
     * @throws IllegalArgumentException naming the line, if a block breaks the format
     */
    static List<TgtVector> parseAll(String markdown) {
        List<TgtVector> vectors = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().equals(FENCE)) {
                int start = i + 1;
                int end = start;
                while (end < lines.length && !lines[end].strip().equals("```")) {
                    end++;
                }
                if (end == lines.length) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": tgt-vector block is never closed");
                }
                vectors.add(parseBlock(lines, start, end));
                i = end;
            }
        }
        return vectors;
    }

    private static TgtVector parseBlock(String[] lines, int start, int end) {
        Map<String, String> values = new LinkedHashMap<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = start; i < end; i++) {
            String where = "line " + (i + 1) + ": ";
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(where + "expected 'key: value', got '" + lines[i] + "'");
            }
            String key = lines[i].substring(0, colon).strip();
            String value = lines[i].substring(colon + 1).strip();
            if (key.equals("hex")) {
                appendHex(value, bytes, where);
            } else if (values.put(key, value) != null) {
                throw new IllegalArgumentException(where + "'" + key + "' is repeated");
            }
        }
        String where = "tgt-vector block at line " + start + ": ";
        Set<String> allowed = KEYS_BY_KIND.get(values.get("kind"));
        if (allowed == null) {
            throw new IllegalArgumentException(where + "unknown kind '" + values.get("kind") + "'");
        }
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + "key '" + key + "' does not belong in kind "
                        + values.get("kind"));
            }
        }
        for (String key : allowed) {
            if (!key.equals("hex") && !values.containsKey(key)) {
                throw new IllegalArgumentException(where + "missing '" + key + "'");
            }
        }
        if (bytes.size() == 0) {
            throw new IllegalArgumentException(where + "no bytes");
        }
        return new TgtVector(values.get("name"), values.get("kind"), Map.copyOf(values), bytes.toByteArray());
    }

    // Tokens are "XX" (one byte) or "XX*N" (byte XX, N times).
    private static void appendHex(String value, ByteArrayOutputStream out, String where) {
        for (String token : value.split(" +")) {
            String[] parts = token.split("\\*", -1);
            if (parts.length > 2 || !parts[0].matches("[0-9a-f]{2}")
                    || (parts.length == 2 && !parts[1].matches("[1-9][0-9]*"))) {
                throw new IllegalArgumentException(where + "bad hex token '" + token + "'");
            }
            int b = Integer.parseInt(parts[0], 16);
            int count = parts.length == 2 ? Integer.parseInt(parts[1]) : 1;
            for (int i = 0; i < count; i++) {
                out.write(b);
            }
        }
    }
}
