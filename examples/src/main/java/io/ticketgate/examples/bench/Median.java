package io.ticketgate.examples.bench;

import java.util.List;

/** The middle of a few measurements: one slow or fast spell of a shared machine does not move it. */
public final class Median {

    private Median() {
    }

    /** The middle value (the upper one of an even count). */
    public static <T extends Comparable<? super T>> T of(List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        return values.stream().sorted().skip(values.size() / 2).findFirst().orElseThrow();
    }
}
