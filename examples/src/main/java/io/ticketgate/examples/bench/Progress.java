package io.ticketgate.examples.bench;

/** Progress lines on stderr, so that stdout holds the report alone. */
public final class Progress {

    private Progress() {
    }

    public static void say(String format, Object... args) {
        System.err.println("bench: " + String.format(format, args));
    }
}
