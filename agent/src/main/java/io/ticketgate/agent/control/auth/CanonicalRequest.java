package io.ticketgate.agent.control.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * SigV4's canonical request, as the AWS SDKs compute it for every service but S3: the path
 * normalised (no empty, {@code .} or {@code ..} segments) and URI-encoded once more, the query
 * parameters encoded and sorted, each signed header with its values trimmed and joined.
 */
final class CanonicalRequest {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /**
     * Returns the canonical request.
     *
     * @throws UnauthorizedException (signature mismatch) if a signed header is not in the request
     */
    static String of(SignableRequest request, List<String> signedHeaders, String payloadHash)
            throws UnauthorizedException {
        StringBuilder text = new StringBuilder(256)
                .append(request.method()).append('\n')
                .append(canonicalUri(request.rawPath())).append('\n')
                .append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = request.headers().apply(name);
            if (values.isEmpty()) {
                throw Refusal.SIGNATURE_MISMATCH.because("the signed header " + name + " is not in the request");
            }
            text.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                text.append(i == 0 ? "" : ",").append(values.get(i).strip().replaceAll("\\s+", " "));
            }
            text.append('\n');
        }
        return text.append('\n')
                .append(String.join(";", signedHeaders)).append('\n')
                .append(payloadHash)
                .toString();
    }

    /** The path without empty, {@code .} and {@code ..} segments, each segment URI-encoded. */
    static String canonicalUri(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        StringBuilder uri = new StringBuilder(rawPath.length() + 16);
        for (String segment : segments) {
            uri.append('/').append(encode(segment));
        }
        if (segments.isEmpty() || rawPath.endsWith("/")) {
            uri.append('/');
        }
        return uri.toString();
    }

    /** The parameters, each name and value decoded then strictly encoded, sorted by name then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            parameters.add(Map.entry(encode(decode(name)), encode(decode(value))));
        }
        parameters.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder query = new StringBuilder(rawQuery.length() + 16);
        for (Map.Entry<String, String> parameter : parameters) {
            query.append(query.length() == 0 ? "" : "&").append(parameter.getKey()).append('=')
                    .append(parameter.getValue());
        }
        return query.toString();
    }

    /** RFC 3986 encoding as SigV4 has it: every byte but A-Z a-z 0-9 - _ . ~ as %XX. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** Undoes %XX escapes (a {@code +} stays a plus, as SigV4 has it); a broken escape stays as written. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (text.charAt(i) == '%' && high >= 0 && low >= 0) {
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] raw = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
