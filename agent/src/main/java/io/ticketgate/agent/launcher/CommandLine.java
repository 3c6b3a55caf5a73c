package io.ticketgate.agent.launcher;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The command line: {@code --help}, {@code --version}, or settings written {@code --name value}
 * or {@code --name=value}.
 *
 * @param flags each setting given, with its text as written
 */
record CommandLine(Map<Setting, String> flags, boolean help, boolean version) {

    CommandLine {
        Map<Setting, String> copy = new EnumMap<>(Setting.class);
        copy.putAll(flags);
        flags = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the arguments; {@code --help} and {@code --version} win over anything else.
     *
     * @throws SettingsException for an unknown flag, a flag without its value, a flag given
     *     twice or a stray argument
     */
    static CommandLine parse(String... args) throws SettingsException {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new CommandLine(Map.of(), true, false);
            }
            if (arg.equals("--version")) {
                return new CommandLine(Map.of(), false, true);
            }
        }
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new SettingsException("unexpected argument \"" + arg + "\": settings are written --name value"
                        + " (see --help)");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Setting setting = Setting.byKey(name.substring(2))
                    .orElseThrow(() -> new SettingsException("unknown setting " + name + " (see --help)"));
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (setting.isSwitch()) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new SettingsException(name + " needs a value: " + name + " " + setting.valueName());
            }
            if (flags.putIfAbsent(setting, value) != null) {
                throw new SettingsException(name + " is given twice");
            }
        }
        return new CommandLine(flags, false, false);
    }
}
