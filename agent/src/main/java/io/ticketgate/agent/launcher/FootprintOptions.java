package io.ticketgate.agent.launcher;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM options that keep the sidecar small beside the game server, for the JVMs the launcher
 * starts itself and for the container image. Most of a fresh JVM's growth under a crowd of players
 * is young-generation heap touched for the first time, not live data: a bounded young generation
 * keeps resident memory near what the players hold. Left out when the command line already
 * chooses a collector or a young-generation size: the operator's choice wins.
 */
final class FootprintOptions {

    /** G1 stays (no full collections with a big store); only its young generation is bounded. */
    static final List<String> DEFAULTS = List.of("-XX:MaxNewSize=16m");
    /** A collector ({@code -XX:+UseG1GC}, ...) or a young-generation size. */
    private static final Pattern CHOICE = Pattern.compile("-XX:\\+Use\\w+GC|-Xmn.*|-XX:(Max)?NewSize=.*|-XX:NewRatio=.*");

    private FootprintOptions() {
    }

    /** The defaults to add to a JVM started with {@code given}, or none if it already chose. */
    static List<String> toAdd(List<String> given) {
        return given.stream().anyMatch(option -> CHOICE.matcher(option).matches()) ? List.of() : DEFAULTS;
    }
}
