package io.ticketgate.agent.log;

/**
 * Client- or backend-supplied text made safe for a text log line: control characters (line
 * breaks above all) and the Unicode line and paragraph separators are escaped, so no value can
 * forge a log line or break one, and long values are cut. Use it on every such value (ids,
 * names, paths, exception messages) a log line carries.
 */
public final class LogText {

    /** Longer values are cut here: a log line is not where 1 MiB of session data goes. */
    public static final int MAX_CHARS = 256;

    private LogText() {
    }

    /** Returns {@code value} escaped and cut; "-" for null. */
    public static String escape(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        if (isPlain(text)) {
            return text;
        }
        int length = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            out.append("...(").append(text.length() - MAX_CHARS).append(" more)");
        }
        return out.toString();
    }

    /** Short and nothing to escape, as ids almost always are: logged as it is, with no copy. */
    private static boolean isPlain(String text) {
        if (text.length() > MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || needsEscape(c)) {
                return false;
            }
        }
        return true;
    }

    /** Control characters (line breaks and tabs among them) and the Unicode line and paragraph separators. */
    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
