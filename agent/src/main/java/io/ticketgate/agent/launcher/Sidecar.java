package io.ticketgate.agent.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import io.ticketgate.agent.PortUnavailableException;
import io.ticketgate.agent.proxy.UpstreamHandoff;
import io.ticketgate.agent.runtime.AgentRuntime;
import io.ticketgate.agent.runtime.AgentSettings;
import io.ticketgate.agent.store.SessionEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar: {@code java -jar ticketgate-agent.jar --upstream HOST:PORT}. Validates players
 * in front of a game server that is not written in Java, piping each accepted one to it.
 * Exits 2 with one line on stderr for a setting or a port it cannot start with; on SIGTERM it
 * drains for up to {@code --drain-timeout} and exits 0; on an OutOfMemoryError it exits 3 at once
 * ({@link ExitOnOutOfMemory}).
 */
public final class Sidecar {

    /** Exit status for settings the sidecar cannot start with. */
    static final int EXIT_CANNOT_START = 2;
    /** The system properties config/logback.xml reads: the lowest level each appender writes. */
    private static final String TEXT_LOG_PROPERTY = "ticketgate.log.text";
    private static final String JSON_LOG_PROPERTY = "ticketgate.log.json";
    private static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    private static final String LOGBACK_CONFIG = "logback.xml";

    private final AgentRuntime runtime;
    private final SidecarSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Sidecar(SidecarSettings settings) {
        this.settings = settings;
        AgentSettings agent = settings.agentSettings();
        this.runtime = new AgentRuntime(agent, new UpstreamHandoff(settings.upstreamSettings(), agent.clock()),
                SessionEventSink.NONE);
    }

    public static void main(String[] args) {
        ExitOnOutOfMemory.haltOnVirtualMachineError();
        if (ExitOnOutOfMemory.needsChild()) {
            try {
                System.exit(ExitOnOutOfMemory.runInChild(args));
            } catch (IOException | RuntimeException e) {
                // Serving without the guarantee beats not serving; the line says what is missing.
                System.err.println("ticketgate: warning: cannot start a JVM with " + ExitOnOutOfMemory.FLAG
                        + ", running without it: " + e.getMessage());
            }
        }
        ExitOnOutOfMemory.exitWithParent();
        String givenLogbackConfig = System.getProperty(LOGBACK_CONFIG_PROPERTY);
        if (givenLogbackConfig == null) {
            // Until the settings are read: the built-in configuration, so a library that logs while
            // they are read (Lettuce's URI parser) does not make logback start at DEBUG.
            System.setProperty(TEXT_LOG_PROPERTY, "ALL");
            System.setProperty(JSON_LOG_PROPERTY, "OFF");
            System.setProperty(LOGBACK_CONFIG_PROPERTY, Sidecar.class.getResource(LOGBACK_CONFIG).toString());
        }
        Sidecar sidecar;
        try {
            CommandLine commandLine = CommandLine.parse(args);
            if (commandLine.help()) {
                System.out.print(help());
                return;
            }
            if (commandLine.version()) {
                System.out.println("ticketgate " + version());
                return;
            }
            SidecarSettings settings = new SettingsReader(System.getenv(), Path.of("")).read(commandLine);
            checkUpstreamResolves(settings);
            configureLogging(settings, givenLogbackConfig);
            sidecar = new Sidecar(settings);
            sidecar.start();
        } catch (SettingsException e) {
            flushLog();
            System.err.println("ticketgate: " + e.getMessage());
            System.exit(EXIT_CANNOT_START);
            return;
        } catch (RuntimeException e) {
            // Whatever else stops start-up is still one line and exit 2, never a stack trace.
            flushLog();
            System.err.println("ticketgate: cannot start: " + e);
            System.exit(EXIT_CANNOT_START);
            return;
        }
        sidecar.awaitStopped();
    }

    private static void checkUpstreamResolves(SidecarSettings settings) throws SettingsException {
        try {
            InetAddress.getByName(settings.upstreamHost());
        } catch (UnknownHostException e) {
            throw new SettingsException("the upstream game server's host \"" + settings.upstreamHost()
                    + "\" cannot be resolved");
        }
    }

    /**
     * Chooses the log's format and configuration file once the settings are read, and configures
     * logback with them (again, if something logged while the settings were read).
     *
     * @param given the logback configuration the JVM was started with, or null
     */
    private static void configureLogging(SidecarSettings settings, String given) {
        boolean json = settings.logFormat() == LogFormat.JSON;
        System.setProperty(TEXT_LOG_PROPERTY, json ? "OFF" : "ALL");
        System.setProperty(JSON_LOG_PROPERTY, json ? "ALL" : "OFF");
        if (given != null) {
            reconfigureIfStartedEarly();
            return;
        }
        // The logback.xml beside the config file in use, else the built-in copy of config/logback.xml.
        Path beside = settings.configFile() == null ? null : settings.configFile().resolveSibling(LOGBACK_CONFIG);
        if (beside != null && Files.isRegularFile(beside)) {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, beside.toAbsolutePath().toString());
        } else {
            System.setProperty(LOGBACK_CONFIG_PROPERTY, Sidecar.class.getResource(LOGBACK_CONFIG).toString());
        }
        reconfigureIfStartedEarly();
    }

    /**
     * Reading the settings may already have made a logger (Lettuce's URI parser does, for
     * --fleet-redis), and logback then read its configuration before the format and file were
     * chosen. Reads it again, from the file chosen, with the format's properties.
     */
    private static void reconfigureIfStartedEarly() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.reset();
            try {
                new ContextInitializer(logback).autoConfig();
            } catch (JoranException e) {
                System.err.println("ticketgate: cannot read the logging configuration: " + e.getMessage());
            }
        }
    }

    private void start() throws SettingsException {
        log().info("Settings from {} (flags and TICKETGATE_* variables override it)",
                settings.configFile() != null ? settings.configFile().toAbsolutePath()
                        : "the built-in copy of config/ticketgate.conf");
        settings.warnings().forEach(log()::warn);
        try {
            runtime.start();
        } catch (PortUnavailableException e) {
            throw new SettingsException(e.getMessage() + portHint(e.port()), e);
        } catch (UncheckedIOException e) {
            throw new SettingsException(e.getCause().getMessage() + bindHint(e.getCause().getMessage()), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::drain, "ticketgate-shutdown"));
        log().info("Sidecar piping accepted players to {}:{} ({}); drains for up to {} on SIGTERM",
                settings.upstreamHost(), settings.upstreamPort(), SettingsReader.format(settings.upstreamPrelude())
                        + (settings.upstreamSecret() != null ? ", signed" : ""),
                SettingsReader.format(settings.drainTimeout()));
    }

    /** Names the settings behind a port that could not be bound. */
    private static String portHint(PortUnavailableException.Port port) {
        return switch (port) {
            case PLAYER -> " (check " + Setting.PLAYER_PORT.flag() + " and " + Setting.PLAYER_BIND.flag() + ")";
            case CONTROL -> " (check " + Setting.CONTROL_PORT.flag() + " and " + Setting.CONTROL_BIND.flag() + ")";
        };
    }

    /** Names the settings behind what failed at start-up: the data dir, the fleet, or TLS files. */
    private static String bindHint(String message) {
        if (message.startsWith("cannot use the data dir")) {
            return " (check " + Setting.DATA_DIR.flag() + ")";
        }
        if (message.startsWith("cannot join the fleet")) {
            return message.contains("agent id") ? " (check " + Setting.AGENT_ID.flag() + ")"
                    : " (check " + Setting.FLEET_REDIS.flag() + ")";
        }
        if (message.startsWith("cannot load the player port's TLS")) {
            return " (check " + Setting.PLAYER_TLS_CERT.flag() + " and " + Setting.PLAYER_TLS_KEY.flag() + ")";
        }
        if (message.startsWith("cannot load the control port's TLS")) {
            return " (check " + Setting.CONTROL_TLS_CERT.flag() + " and " + Setting.CONTROL_TLS_KEY.flag() + ")";
        }
        return "";
    }

    private void drain() {
        log().info("Stopping: draining players for up to {}", SettingsReader.format(settings.drainTimeout()));
        runtime.stop(settings.drainTimeout());
        stopped.countDown();
        flushLog();
        // The JVM exits 128+15 after its hooks on SIGTERM; a sidecar that drained as asked has
        // ended normally, so it says 0. (halt skips other hooks: the sidecar installs no others.)
        Runtime.getRuntime().halt(0);
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes out what the log's asynchronous appender still queues (for at most its maxFlushTime,
     * a second): the process is about to end and would lose it.
     */
    private static void flushLog() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(Sidecar.class);
    }

    /** Returns the version Maven built, or "unknown" when run from classes it did not package. */
    static String version() {
        try (InputStream in = Sidecar.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** Returns the --help text: every setting with its flag, variable, default and meaning. */
    static String help() {
        StringBuilder text = new StringBuilder()
                .append("Usage: java -jar ticketgate-agent.jar [--config FILE] [--SETTING VALUE]...\n\n")
                .append("Runs the Ticketgate agent as a sidecar: validates each player's player session and\n")
                .append("pipes accepted players to the game server. Every setting is a flag (--name value or\n")
                .append("--name=value), an environment variable, or a key of the config file's ticketgate { }\n")
                .append("block; flags beat the environment, which beats the file. Durations: 500ms, 60s, 5m, 30d.\n\n")
                .append("Settings:\n");
        for (Setting setting : Setting.values()) {
            text.append(String.format("  %s\n      %s\n      env %s, default %s\n", setting.usage(),
                    setting.meaning(), setting.envVar(), setting.defaultText()));
        }
        return text.append("  --help, --version\n      print this text, or the version, and exit\n\n")
                .append("Exits 0 after draining on SIGTERM, 2 for a setting it cannot start with, 3 on an\n")
                .append("OutOfMemoryError (started without -XX:+ExitOnOutOfMemoryError, it runs in a child\n")
                .append("JVM given that flag).\n")
                .toString();
    }
}
