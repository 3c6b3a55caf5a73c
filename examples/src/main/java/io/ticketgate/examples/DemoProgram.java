package io.ticketgate.examples;

import java.util.Set;

/**
 * A demo's {@code main}, friendly as the sidecar launcher is: {@code --help} prints the usage to
 * stdout and exits 0; a {@link DemoUsageException} prints one line to stderr, naming the demo,
 * and exits with its status (2 for a mistake). Never a stack trace for what the user can fix.
 */
public final class DemoProgram {

    /** What a demo does once its command line is read. */
    @FunctionalInterface
    public interface Body {
        void run(DemoCommandLine commandLine) throws Exception;
    }

    private final String name;
    private final String usage;
    private Set<String> valueFlags = Set.of();
    private Set<String> switchFlags = Set.of();
    private int maxPositionals;

    private DemoProgram(String name, String usage) {
        this.name = name;
        this.usage = usage;
    }

    /**
     * @param name how the demo calls itself in its error lines ("chat demo")
     * @param usage what {@code --help} prints: what it does, each flag with its default
     */
    public static DemoProgram named(String name, String usage) {
        return new DemoProgram(name, usage);
    }

    public DemoProgram valueFlags(String... flags) {
        valueFlags = Set.of(flags);
        return this;
    }

    public DemoProgram switchFlags(String... flags) {
        switchFlags = Set.of(flags);
        return this;
    }

    public DemoProgram positionals(int max) {
        maxPositionals = max;
        return this;
    }

    /** Reads {@code args} and runs {@code body}, or prints the usage, or the one line of a failure and exits. */
    public void run(String[] args, Body body) throws Exception {
        try {
            DemoCommandLine commandLine = DemoCommandLine.parse(valueFlags, switchFlags, maxPositionals, args);
            if (commandLine.help()) {
                System.out.print(usage);
                return;
            }
            body.run(commandLine);
        } catch (DemoUsageException e) {
            System.err.println(name + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            System.exit(e.exitStatus());
        }
    }
}
