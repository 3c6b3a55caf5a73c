package io.ticketgate.examples.bench.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server under test, running as its own process so that {@code /proc} gives its CPU time
 * and resident memory alone. Its output goes to a log file, which is also where it says it is
 * ready. {@link #close()} kills it; so does the bench JVM's exit.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killer;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killer = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** {@code java -XX:+ExitOnOutOfMemoryError -cp <this class path> mainClass args}. */
    static List<String> java(String mainClass, String... args) {
        return java(List.of(), mainClass, args);
    }

    /** The same, with more options for the JVM. */
    static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA, "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts {@code command} and waits until its output matches {@code ready}.
     *
     * @return the process and the match, whose groups carry what it said (its ports)
     */
    static Started start(String name, List<String> command, Path logDirectory, Pattern ready)
            throws IOException, InterruptedException {
        Path log = logDirectory.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(logDirectory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TICKETGATE_"));
        ServerProcess server = new ServerProcess(name, builder.start(), log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = ready.matcher(Files.readString(log));
            if (matcher.find()) {
                return new Started(server, matcher);
            }
            if (!server.process.isAlive()) {
                break;
            }
            // Polling a child's log file: there is no event to wait on.
            Thread.sleep(50);
        }
        server.close();
        throw new IllegalStateException(name + " did not start; its output (" + log + "):\n" + tail(log));
    }

    /** A started process and what its ready line said. */
    record Started(ServerProcess process, Matcher ready) {

        int port(int group) {
            return Integer.parseInt(ready.group(group));
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Its user plus system CPU time so far, in nanoseconds. */
    long cpuNanos() {
        requireAlive();
        return ProcStat.cpuNanos(process.pid());
    }

    /** Its resident set size now, in bytes. */
    long rssBytes() {
        requireAlive();
        return ProcStat.rssBytes(process.pid());
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its output (" + log
                    + "):\n" + tail(log));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway and finds the process gone.
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
