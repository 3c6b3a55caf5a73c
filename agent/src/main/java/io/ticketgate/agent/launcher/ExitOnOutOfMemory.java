package io.ticketgate.agent.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an OutOfMemoryError ends the sidecar. Netty catches what its handlers throw, so an
 * OutOfMemoryError in one would leave a process that answers /healthz but can no longer do its
 * work; ended, it is restarted by its supervisor. HotSpot's {@code -XX:+ExitOnOutOfMemoryError}
 * ends the JVM at the first one, but it can only be set on the command line (it is not a
 * manageable flag), so a JVM started without it, as {@code java -jar ticketgate-agent.jar} is,
 * starts the sidecar again in a child JVM that has it: same java, same JVM options, same class
 * path and arguments (plus the {@link FootprintOptions} unless they chose otherwise), same
 * standard streams. The parent then only waits: it passes SIGTERM on to the child, waits for it,
 * and exits with its status; the child ends at once if the parent is killed without passing
 * anything on.
 */
final class ExitOnOutOfMemory {

    static final String FLAG = "-XX:+ExitOnOutOfMemoryError";
    /** HotSpot's status after -XX:+ExitOnOutOfMemoryError; a VirtualMachineError elsewhere ends with it too. */
    static final int EXIT_OUT_OF_MEMORY = 3;
    /** Set on the child's command line to the parent's pid: the child watches it, and never starts another. */
    static final String PARENT_PROPERTY = "ticketgate.launcher.parent";
    /** Read by the java launcher and the JVM; their options are already among the JVM's input arguments. */
    private static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");
    private static final int EXIT_PARENT_GONE = 1;

    private ExitOnOutOfMemory() {
    }

    /**
     * Ends the process on any VirtualMachineError that reaches the top of a thread: an
     * OutOfMemoryError the flag did not cover, a StackOverflowError, an InternalError.
     */
    static void haltOnVirtualMachineError() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof VirtualMachineError) {
                System.err.println("ticketgate: " + error + " in thread " + thread.getName() + "; exiting");
                Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
            }
            LoggerFactory.getLogger(Sidecar.class).error("Uncaught in thread {}", thread.getName(), error);
        });
    }

    /** True when this JVM lacks the flag and should start the sidecar in a child JVM that has it. */
    static boolean needsChild() {
        return System.getProperty(PARENT_PROPERTY) == null && !exitsOnOutOfMemory()
                && !Sidecar.class.getModule().isNamed();
    }

    /**
     * Runs the sidecar in a child JVM with the flag and returns its exit status once it ended.
     *
     * @throws IOException if the child cannot be started
     */
    static int runInChild(String[] args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmOptions);
        command.addAll(FootprintOptions.toAdd(jvmOptions));
        command.add(FLAG);
        command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Sidecar.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        OPTION_VARIABLES.forEach(builder.environment()::remove);
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM (or SIGINT): the child drains as asked, and the parent says what it said.
            child.destroy();
            Runtime.getRuntime().halt(waitFor(child));
        }, "ticketgate-forward-stop"));
        return waitFor(child);
    }

    /** In the child: ends this JVM at once if its parent ends first (killed with SIGKILL, say). */
    static void exitWithParent() {
        String parentPid = System.getProperty(PARENT_PROPERTY);
        if (parentPid == null || !parentPid.matches("\\d{1,19}")) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            Runtime.getRuntime().halt(EXIT_PARENT_GONE);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_PARENT_GONE));
    }

    private static boolean exitsOnOutOfMemory() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Boolean.parseBoolean(hotSpot.getVMOption("ExitOnOutOfMemoryError").getValue())
                    || Boolean.parseBoolean(hotSpot.getVMOption("CrashOnOutOfMemoryError").getValue());
        } catch (RuntimeException notHotSpot) {
            List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
            return options.contains(FLAG) || options.contains("-XX:+CrashOnOutOfMemoryError");
        }
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // Only the child's end ends the wait.
            }
        }
    }
}
