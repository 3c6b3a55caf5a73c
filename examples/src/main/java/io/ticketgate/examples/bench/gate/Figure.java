package io.ticketgate.examples.bench.gate;

import java.util.Locale;

/** One row of the comparison: what it measures, its unit, and how to print a value of it. */
enum Figure {
    HANDSHAKES_PER_SECOND("handshakes/s (connect, CONNECT, RESULT, close), 64 clients", Unit.RATE),
    CPU_PER_HANDSHAKE("server CPU per handshake", Unit.MICROS),
    HANDSHAKE_P50("handshake latency p50", Unit.MICROS),
    HANDSHAKE_P99("handshake latency p99", Unit.MICROS),
    HANDSHAKE_P999("handshake latency p99.9", Unit.MICROS),
    HANDSHAKE_MAX("handshake latency max", Unit.MICROS),
    ECHO_PER_SECOND("64-byte echo round trips/s through the path, 64 clients", Unit.RATE),
    CPU_PER_ECHO("server CPU per echo round trip", Unit.MICROS),
    ECHO_RTT_P50("echo RTT p50", Unit.MICROS),
    ECHO_RTT_P99("echo RTT p99", Unit.MICROS),
    STREAM_1("stream, 1 connection, echoed", Unit.GBITS),
    STREAM_4("stream, 4 connections, echoed", Unit.GBITS),
    RSS_PER_IDLE_PLAYER("RSS per idle accepted player", Unit.BYTES),
    OPENED_PER_SECOND("connections opened per second (idle run)", Unit.RATE);

    /** How values of a figure are printed; they are kept in the unit's base (per second, ns, bytes, bytes/s). */
    enum Unit {
        RATE, MICROS, GBITS, BYTES;

        String format(double value) {
            return switch (this) {
                case RATE -> value >= 10_000 ? String.format(Locale.ROOT, "%.1fk/s", value / 1000)
                        : String.format(Locale.ROOT, "%,.0f/s", value);
                case MICROS -> value >= 10_000_000 ? String.format(Locale.ROOT, "%.1f ms", value / 1e6)
                        : String.format(Locale.ROOT, "%.0f us", value / 1e3);
                case GBITS -> String.format(Locale.ROOT, "%.2f Gbit/s", value * 8 / 1e9);
                case BYTES -> String.format(Locale.ROOT, "%.1f KB", value / 1024);
            };
        }
    }

    private final String label;
    private final Unit unit;

    Figure(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    String label() {
        return label;
    }

    String format(double value) {
        return unit.format(value);
    }
}
