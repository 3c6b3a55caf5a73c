package io.ticketgate.examples.bench.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and resident memory, as Linux's {@code /proc} gives them. */
final class ProcStat {

    /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final long TICKS_PER_SECOND = 100;
    private static final int UTIME_FIELD = 14;

    private ProcStat() {
    }

    static long cpuNanos(long pid) {
        String stat = read(pid, "stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        int first = UTIME_FIELD - 3;
        long ticks = Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    static long rssBytes(long pid) {
        return read(pid, "status").lines().filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .orElseThrow(() -> new IllegalStateException("no VmRSS for process " + pid));
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + ": is this Linux?", e);
        }
    }
}
