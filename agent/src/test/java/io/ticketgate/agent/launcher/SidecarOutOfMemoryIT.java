package io.ticketgate.agent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar ticketgate-agent.jar}, started without -XX:+ExitOnOutOfMemoryError, still
 * ends on an OutOfMemoryError, even one that the code it hit catches. The error comes from a
 * test-only Java agent ({@link OutOfMemoryTrigger}) given on the command line, as a JVM option:
 * nothing in the shipped jar can be made to do it.
 */
@Timeout(60)
class SidecarOutOfMemoryIT {

    private static final String SMALL_HEAP = "-Xmx64m";
    private static final long EXIT_WAIT_SECONDS = 20;

    @TempDir
    Path workingDirectory;

    private final List<Process> processes = new ArrayList<>();
    private ServerSocket gameServer;

    @AfterEach
    void cleanUp() throws IOException {
        processes.forEach(Process::destroyForcibly);
        if (gameServer != null) {
            gameServer.close();
        }
    }

    @Test
    void anOutOfMemoryErrorEndsTheSidecarThoughTheCodeItHitCaughtIt() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(controlPort);
        SidecarJar.awaitReady(sidecar, controlPort);

        Files.createFile(workingDirectory.resolve("trigger"));

        assertTrue(sidecar.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS), "the sidecar did not exit by itself");
        String output = Files.readString(workingDirectory.resolve("out.txt"));
        assertEquals(ExitOnOutOfMemory.EXIT_OUT_OF_MEMORY, sidecar.exitValue(), output);
        assertTrue(output.contains("Terminating due to java.lang.OutOfMemoryError: Java heap space"), output);
    }

    /**
     * The same trigger in a JVM without the flag (started as the launcher's own child would be,
     * so it does not start one): the error is swallowed and the sidecar serves on. So the test
     * above shows the flag at work, not a trigger that would end any JVM.
     */
    @Test
    void withoutTheFlagTheSameErrorIsSurvived() throws Exception {
        int controlPort = SidecarJar.freePort();
        Process sidecar = start(controlPort, "-D" + ExitOnOutOfMemory.PARENT_PROPERTY + "="
                + ProcessHandle.current().pid());
        SidecarJar.awaitReady(sidecar, controlPort);

        Files.createFile(workingDirectory.resolve("trigger"));

        Path out = workingDirectory.resolve("out.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        while (!Files.readString(out).contains(OutOfMemoryTrigger.SWALLOWED)) {
            assertTrue(sidecar.isAlive(), Files.readString(out));
            assertTrue(System.nanoTime() < deadline, "the trigger never ran: " + Files.readString(out));
            Thread.onSpinWait();
        }
        assertEquals(200, SidecarJar.readyz(controlPort));
        assertTrue(sidecar.isAlive());
    }

    private Process start(int controlPort, String... jvmOptions) throws IOException {
        gameServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<String> options = new ArrayList<>(List.of(SMALL_HEAP,
                "-javaagent:" + triggerAgent() + "=" + workingDirectory.resolve("trigger")));
        options.addAll(List.of(jvmOptions));
        ProcessBuilder builder = SidecarJar.command(workingDirectory, options, List.of("--upstream",
                        "127.0.0.1:" + gameServer.getLocalPort(), "--player-port", "0",
                        "--control-port", String.valueOf(controlPort)))
                .redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve("out.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("JAVA_"));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Packs {@link OutOfMemoryTrigger} as a Java agent jar. */
    private Path triggerAgent() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", OutOfMemoryTrigger.class.getName());
        String entry = OutOfMemoryTrigger.class.getName().replace('.', '/') + ".class";
        Path jar = workingDirectory.resolve("out-of-memory-trigger.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = OutOfMemoryTrigger.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
