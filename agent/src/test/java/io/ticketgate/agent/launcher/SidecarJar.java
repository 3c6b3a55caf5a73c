package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gamelift.GameLiftClient;
import software.amazon.awssdk.services.gamelift.model.GameLiftException;

/**
 * The shaded sidecar jar, started as a real process the way an operator or an orchestrator
 * starts it, for the process tests ({@code *IT}): its command line, its readiness, its control
 * API through the GameLift SDK, and its end.
 */
final class SidecarJar {

    static final Path JAR = Path.of(System.getProperty("ticketgate.jar", "target/ticketgate-agent.jar"))
            .toAbsolutePath();
    private static final long START_WAIT_MILLIS = 20_000;
    private static final long KILL_WAIT_SECONDS = 20;
    /** Between polls of /readyz: a busy poll would take a core from the JVM starting on a 2-core CI. */
    private static final long READY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private SidecarJar() {
    }

    /**
     * {@code java [jvmOptions] -jar ticketgate-agent.jar [args]}, run in {@code directory}, with no
     * {@code TICKETGATE_} variable inherited from the build; the caller redirects its output.
     */
    static ProcessBuilder command(Path directory, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TICKETGATE_"));
        return builder;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Returns the HTTP status of /readyz, or -1 if nothing answers. */
    static int readyz(int controlPort) {
        return status(URI.create("http://127.0.0.1:" + controlPort + "/readyz"), null);
    }

    /** Returns the HTTP status of a GET of {@code uri}, or -1 if nothing answers; {@code tls} for https. */
    static int status(URI uri, SSLContext tls) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(tls.getSocketFactory());
            }
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }

    static void awaitReady(Process process, int controlPort) {
        awaitReady(process, URI.create("http://127.0.0.1:" + controlPort + "/readyz"), null);
    }

    static void awaitReady(Process process, URI readyz, SSLContext tls) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_WAIT_MILLIS);
        while (status(readyz, tls) != 200) {
            assertTrue(process.isAlive(), "the sidecar exited while starting");
            assertTrue(System.nanoTime() < deadline, "the sidecar was not ready in time");
            LockSupport.parkNanos(READY_POLL_NANOS);
        }
    }

    /**
     * A GameLift SDK client of the control API on loopback that never retries: a test sees each
     * call's own outcome, and a call is never sent twice.
     */
    /**
     * Polls {@code condition} until it holds, failing after {@code seconds}; an error answer from
     * the control API counts as not yet (an agent's calls may fail until the fleet has moved on).
     */
    static void awaitTrue(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!holds(condition)) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + seconds + " s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (GameLiftException notYet) {
            return false;
        }
    }

    static GameLiftClient gameLift(int controlPort, String accessKeyId, String secretKey) {
        return GameLiftClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + controlPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * SIGKILLs the sidecar and returns once it is gone. {@code java -jar} serves in a child JVM
     * ({@link ExitOnOutOfMemory}), so the child, which holds the ports and the data dir, is
     * killed first, at once, as a crash would end it; then the launcher.
     */
    static void kill(Process sidecar) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(sidecar.descendants().toList());
        tree.add(sidecar.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("process " + process.pid() + " outlived SIGKILL", e);
            }
        }
    }
}
