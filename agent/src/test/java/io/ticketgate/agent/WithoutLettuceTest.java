package io.ticketgate.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ticketgate.agent.launcher.Sidecar;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lettuce (with Reactor) is an optional dependency, for fleet mode only. An embedding game
 * without it on its class path starts an agent and admits players, and no class of the fleet
 * package, where every use of Lettuce is, is ever loaded; asked for a fleet, the launcher says
 * what is missing. Each case runs in a JVM of its own, on a class path without Lettuce.
 */
class WithoutLettuceTest {

    private static final long PROCESS_WAIT_SECONDS = 60;

    @TempDir
    Path directory;

    @Test
    void anEmbeddedAgentAdmitsAPlayerAndLoadsNoFleetClass() throws Exception {
        // Nor Logback (an embedding game brings its own SLF4J binding, or none), nor the launcher's
        // config file reader.
        Run run = run(List.of("lettuce", "reactor", "logback", "typesafe"), "-Xlog:class+load=info:stdout",
                EmbeddedWithoutLettuceMain.class.getName());

        assertFalse(run.printed().contains("NoClassDefFoundError")
                || run.printed().contains("ClassNotFoundException"), run.printed());
        assertEquals(0, run.exitValue(), run.printed());
        assertTrue(run.printed().lines().anyMatch("ACCEPTED"::equals), run.printed());
        assertEquals(List.of(), run.loaded().stream()
                .filter(line -> line.contains(" io.ticketgate.agent.fleet.") || line.contains(" io.lettuce."))
                .toList(), "fleet classes loaded without fleet mode");
    }

    @Test
    void theLauncherAskedForAFleetSaysLettuceIsMissing() throws Exception {
        Run run = run(List.of("lettuce", "reactor"), "-XX:+ExitOnOutOfMemoryError", Sidecar.class.getName(),
                "--upstream", "127.0.0.1:7000", "--fleet-redis", "redis://127.0.0.1:6379",
                "--player-port", "0", "--control-port", "0");

        assertEquals(2, run.exitValue(), run.printed());
        assertTrue(run.printed().contains(
                "--fleet-redis: fleet mode needs io.lettuce:lettuce-core on the class path"), run.printed());
        assertFalse(run.printed().contains("NoClassDefFoundError"), run.printed());
    }

    /** What a child JVM printed, apart from its class loading log, and the classes it loaded. */
    private record Run(int exitValue, String printed, List<String> loaded) {
    }

    /** Runs {@code java} on this build's class path, without the jars whose paths contain a word of {@code leftOut}. */
    private Run run(List<String> leftOut, String... jvmOptionMainAndArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPathWithout(leftOut)));
        command.addAll(List.of(jvmOptionMainAndArgs));
        Path output = directory.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TICKETGATE_"));
        Process process = builder.start();
        if (!process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("still running after " + PROCESS_WAIT_SECONDS + " s: " + Files.readString(output));
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return new Run(process.exitValue(),
                lines.stream().filter(line -> !line.contains("[class,load]")).collect(Collectors.joining("\n")),
                lines.stream().filter(line -> line.contains("[class,load]")).toList());
    }

    /**
     * This build's classes and the test JVM's class and module paths (jars, or a sibling module's
     * classes in a reactor build), but the entries whose paths contain a word of {@code leftOut}.
     */
    private static String classPathWithout(List<String> leftOut) {
        List<String> entries = new ArrayList<>(List.of(Path.of("target", "classes").toAbsolutePath().toString(),
                Path.of("target", "test-classes").toAbsolutePath().toString()));
        Stream.of(System.getProperty("java.class.path", ""), System.getProperty("jdk.module.path", ""))
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isEmpty())
                .filter(entry -> leftOut.stream().noneMatch(entry::contains))
                .distinct()
                .forEach(entries::add);
        assertTrue(entries.stream().anyMatch(entry -> entry.contains("netty-transport")), "no Netty in " + entries);
        return String.join(File.pathSeparator, entries);
    }
}
