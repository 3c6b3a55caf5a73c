package io.ticketgate.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A demo's command line: {@code --help} (or {@code -h}), flags written {@code --name value} or
 * {@code --name=value}, switches, and positional arguments. Parsing knows only the flags' names;
 * each value is checked when the demo reads it, so the message names the flag.
 */
public final class DemoCommandLine {

    private static final String SEE_HELP = "; --help lists the flags";

    private final Map<String, String> values;
    private final Set<String> switches;
    private final List<String> positionals;
    private final boolean help;

    private DemoCommandLine(Map<String, String> values, Set<String> switches, List<String> positionals,
            boolean help) {
        this.values = Map.copyOf(values);
        this.switches = Set.copyOf(switches);
        this.positionals = List.copyOf(positionals);
        this.help = help;
    }

    /**
     * Parses {@code args}; {@code --help} wins over anything else.
     *
     * @param valueFlags the flags that take a value
     * @param switchFlags the flags that take none
     * @param maxPositionals how many arguments that are not flags the demo takes
     * @throws DemoUsageException for an unknown flag, a flag without its value or given twice, or
     *     an argument too many
     */
    public static DemoCommandLine parse(Set<String> valueFlags, Set<String> switchFlags, int maxPositionals,
            String... args) throws DemoUsageException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return new DemoCommandLine(Map.of(), Set.of(), List.of(), true);
        }
        Map<String, String> values = new HashMap<>();
        Set<String> switches = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (positionals.size() == maxPositionals) {
                    throw new DemoUsageException("unexpected argument \"" + arg + "\"" + SEE_HELP);
                }
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String flag = equals < 0 ? arg : arg.substring(0, equals);
            boolean fresh;
            if (switchFlags.contains(flag)) {
                if (equals >= 0) {
                    throw new DemoUsageException(flag + " takes no value" + SEE_HELP);
                }
                fresh = switches.add(flag);
            } else if (valueFlags.contains(flag)) {
                if (equals < 0 && i + 1 == args.length) {
                    throw new DemoUsageException(flag + " needs a value" + SEE_HELP);
                }
                fresh = values.putIfAbsent(flag, equals < 0 ? args[++i] : arg.substring(equals + 1)) == null;
            } else {
                throw new DemoUsageException("unknown flag " + arg + SEE_HELP);
            }
            if (!fresh) {
                throw new DemoUsageException(flag + " is given twice" + SEE_HELP);
            }
        }
        return new DemoCommandLine(values, switches, positionals, false);
    }

    public boolean help() {
        return help;
    }

    /** Returns whether the switch {@code flag} was given. */
    public boolean has(String flag) {
        return switches.contains(flag);
    }

    /** Returns the value of {@code flag}, or {@code defaultValue} if it was not given. */
    public String value(String flag, String defaultValue) {
        return values.getOrDefault(flag, defaultValue);
    }

    /** Returns the port {@code flag} names (0 for a free one), or {@code defaultPort} if it was not given. */
    public int port(String flag, int defaultPort) throws DemoUsageException {
        return values.containsKey(flag) ? portNumber(flag, values.get(flag), 0) : defaultPort;
    }

    /** Returns the port {@code flag} names, which may not be 0, or {@code defaultPort} if it was not given. */
    public int fixedPort(String flag, int defaultPort) throws DemoUsageException {
        return values.containsKey(flag) ? portNumber(flag, values.get(flag), 1) : defaultPort;
    }

    /** Returns the arguments that are not flags, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /**
     * Reads a port number.
     *
     * @param name how the user knows the argument: its flag, or its name in the usage line
     * @param lowest 0 where the demo may bind a free port, else 1
     */
    public static int portNumber(String name, String text, int lowest) throws DemoUsageException {
        if (text.matches("\\d{1,5}")) {
            int port = Integer.parseInt(text);
            if (port >= lowest && port <= 65535) {
                return port;
            }
        }
        if (text.equals("0")) {
            throw new DemoUsageException(name + ": 0 (a free port) will not do here, the demo must know the port"
                    + " to call it; give 1-65535" + SEE_HELP);
        }
        throw new DemoUsageException(name + ": \"" + text + "\" is not a port number (" + lowest + "-65535)"
                + SEE_HELP);
    }
}
