package io.ticketgate.examples.sidecar;

import io.ticketgate.examples.DemoUsageException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the sidecar demo finds the agent jar: where --agent-jar says; else in the build tree the
 * demo itself was loaded from, so the demo runs from any directory; else under the current one.
 */
final class AgentJar {

    private static final String IN_TREE = "agent/target/ticketgate-agent.jar";
    private static final String BUILD = "mvn -B -q install -DskipTests";

    private AgentJar() {
    }

    /**
     * @param given the --agent-jar flag's value, or null
     * @throws DemoUsageException naming each path tried and how to build the jar
     */
    static Path find(String given) throws DemoUsageException {
        if (given != null) {
            Path jar = Path.of(given).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new DemoUsageException("--agent-jar: no file at " + jar + " (the build makes it: " + BUILD + ")");
            }
            return jar;
        }
        List<Path> tried = new ArrayList<>();
        inDemosTree().ifPresent(tried::add);
        tried.add(Path.of(IN_TREE).toAbsolutePath());
        for (Path jar : tried) {
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new DemoUsageException("no agent jar at " + tried.stream().distinct().map(Path::toString)
                .collect(Collectors.joining(" nor at ")) + "; build it in the repository root with " + BUILD
                + ", or give --agent-jar PATH");
    }

    /**
     * The agent jar of the tree the demo was loaded from: beside examples/target/ is
     * examples/target/ticketgate-chat-demo.jar when run from the jar, examples/target/classes/
     * when run from the build's classes.
     */
    private static Optional<Path> inDemosTree() {
        CodeSource source = SidecarDemo.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            Path examplesTarget = Path.of(source.getLocation().toURI()).getParent();
            return Optional.of(examplesTarget.resolve("../..").resolve(IN_TREE).normalize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException notAFile) {
            return Optional.empty();
        }
    }
}
