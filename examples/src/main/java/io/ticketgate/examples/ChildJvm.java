package io.ticketgate.examples;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM a demo starts beside itself (an agent, a server), and the wait until its control API is ready. */
public final class ChildJvm {

    private static final Duration READY_WITHIN = Duration.ofSeconds(30);
    /** Between polls: a busy poll would take a core from the JVM that is starting. */
    private static final long POLL_MILLIS = 100;

    private ChildJvm() {
    }

    /** Returns {@code java ARGS...} with the java binary this JVM runs on. */
    public static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return command;
    }

    /**
     * Waits until {@code child}'s control API answers GET /readyz on loopback with 200.
     *
     * @return true once it is ready; false if the child exited first (it has said why)
     * @throws IOException if it was neither ready nor gone within 30 s
     */
    public static boolean awaitReady(Process child, int controlPort) throws IOException, InterruptedException {
        URI readyz = URI.create("http://127.0.0.1:" + controlPort + "/readyz");
        long giveUp = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < giveUp) {
            if (!child.isAlive()) {
                return false;
            }
            if (status(readyz) == 200) {
                return true;
            }
            // Waits for the child's exit, so one that fails at once is seen without a full poll.
            child.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        throw new IOException("pid " + child.pid() + " was not ready within " + READY_WITHIN.toSeconds()
                + " s (nothing answered " + readyz + ")");
    }

    /**
     * Refuses to start a child whose readiness could not be told apart: if an agent already
     * answers on {@code controlPort}, {@link #awaitReady} would take its answer for the child's.
     * A port taken after this check is still caught: the child exits with its own line.
     *
     * @throws DemoUsageException if something answers GET /readyz on that port
     */
    public static void requireNoAgentOn(int controlPort) throws DemoUsageException {
        if (status(URI.create("http://127.0.0.1:" + controlPort + "/readyz")) != -1) {
            throw DemoUsageException.cannotBind("127.0.0.1:" + controlPort, "in use", "--control-port");
        }
    }

    /** Returns the HTTP status of a GET of {@code uri}, or -1 while nothing answers. */
    private static int status(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }
}
