package io.ticketgate.agent.control.auth;

import java.util.List;
import java.util.function.Function;

/**
 * What of an HTTP request its signature covers, apart from the body.
 *
 * @param rawPath the path as sent, %-escapes and all
 * @param rawQuery the query as sent, without the {@code ?}; empty for none
 * @param headers every value of a header by its (case-insensitive) name, in the order sent;
 *     empty when absent
 */
record SignableRequest(String method, String rawPath, String rawQuery, Function<String, List<String>> headers) {

    /** Returns the first value of a header, or null. */
    String header(String name) {
        List<String> values = headers.apply(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
