package io.ticketgate.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A demo of the shaded jar, run as a user runs it, for the process tests ({@code *IT}). Its
 * output goes to files, so a child it leaves in the background cannot hold a pipe open; every
 * process it or its children started is killed on {@link #close()}, whatever the test's outcome.
 */
public final class DemoProcess implements AutoCloseable {

    /** The jar the build shades, examples/target/ticketgate-chat-demo.jar. */
    public static final Path DEMO_JAR = Path.of(System.getProperty("ticketgate.demo.jar",
            "target/ticketgate-chat-demo.jar")).toAbsolutePath();
    /** The sidecar jar the agent module builds. */
    public static final Path AGENT_JAR = Path.of(System.getProperty("ticketgate.agent.jar",
            "../agent/target/ticketgate-agent.jar")).toAbsolutePath().normalize();
    private static final long EXIT_WAIT_SECONDS = 60;

    private final Process process;
    private final Path stdin;
    private final Path stdout;
    private final Path stderr;
    /** Every descendant seen while the process ran: a child it left behind outlives it. */
    private final Set<ProcessHandle> descendants = new LinkedHashSet<>();

    private DemoProcess(Process process, Path stdin, Path stdout, Path stderr) {
        this.process = process;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java -cp DEMO_JAR MAIN ARGS...}, or {@code java -jar DEMO_JAR ARGS...} when
     * {@code mainClass} is null, in {@code directory}, with {@code stdin} as its whole input.
     */
    public static DemoProcess start(Path directory, Class<?> mainClass, String stdin, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(mainClass == null ? List.of("-jar", DEMO_JAR.toString())
                : List.of("-cp", DEMO_JAR.toString(), mainClass.getName()));
        command.addAll(List.of(args));
        Path in = Files.createTempFile("demo-in", ".txt");
        Files.writeString(in, stdin);
        Path out = Files.createTempFile("demo-out", ".txt");
        Path err = Files.createTempFile("demo-err", ".txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new DemoProcess(process, in, out, err);
    }

    /** {@code java -cp DEMO_JAR MAIN ARGS...} in the build's directory, with no input. */
    public static DemoProcess start(Class<?> mainClass, String... args) throws IOException {
        return start(Path.of("").toAbsolutePath(), mainClass, "", args);
    }

    /** {@code java -jar DEMO_JAR ARGS...}, the README's first command, in the build's directory. */
    public static DemoProcess javaJar(String... args) throws IOException {
        return start(Path.of("").toAbsolutePath(), null, "", args);
    }

    /** Returns the exit status, failing if the process has not ended within 60 s. */
    public int awaitExit() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        while (process.isAlive()) {
            process.descendants().forEach(descendants::add);
            assertTrue(System.nanoTime() < deadline, "still running after " + EXIT_WAIT_SECONDS + " s; "
                    + output());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return process.exitValue();
    }

    /** Waits until a line of stdout matches, failing after 60 s or if the process ends without one. */
    public String awaitLine(Predicate<String> wanted) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        while (true) {
            String line = stdoutLines().stream().filter(wanted).findFirst().orElse(null);
            if (line != null) {
                return line;
            }
            assertTrue(process.isAlive(), "exited without the line; " + output());
            assertTrue(System.nanoTime() < deadline, "no such line within " + EXIT_WAIT_SECONDS + " s; " + output());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Returns what it printed to stdout, but the agent's log lines. */
    public List<String> stdoutLines() {
        return read(stdout).lines().filter(line -> !line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
    }

    public List<String> stderrLines() {
        return read(stderr).lines().toList();
    }

    /** Both outputs, for a failure's message. */
    public String output() {
        return "stdout:\n" + read(stdout) + "\nstderr:\n" + read(stderr);
    }

    /** Kills {@code pid} (a child left in the background) with the rest, on {@link #close()}. */
    public void adopt(long pid) {
        ProcessHandle.of(pid).ifPresent(descendants::add);
    }

    /** Returns a port nothing listens on now, on loopback. */
    /** Asserts the process said one line on stderr, a sentence, not a stack trace. */
    public void assertOneLineWithoutStackTrace() {
        List<String> stderr = stderrLines();
        assertEquals(1, stderr.size(), output());
        assertTrue(stderr.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")
                || line.startsWith("at ")), output());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.addAll(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                throw new AssertionError("process " + handle.pid() + " outlived SIGKILL", e);
            }
        }
        for (Path file : List.of(stdin, stdout, stderr)) {
            Files.deleteIfExists(file);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
