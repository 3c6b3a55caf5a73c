package io.ticketgate.examples.chat;

import io.ticketgate.examples.ChildJvm;
import io.ticketgate.examples.DemoUsageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ChatServer --background}: the same server in a JVM of its own, started with this one's
 * java binary, class path and flags, writing to the same terminal. This JVM exits once the
 * child's control API is ready, so a script can go on to reserve tickets.
 */
final class ChatServerInBackground {

    private ChatServerInBackground() {
    }

    /**
     * Starts the child and exits: 0 once it is ready, else with the child's exit status (it has
     * printed its own line), or 1 if it was not ready in time (it is then stopped).
     *
     * @param args this JVM's arguments, --background among them
     * @param controlPort the child's control API port, where readiness is asked
     */
    static void start(String[] args, int controlPort) throws IOException, InterruptedException, DemoUsageException {
        List<String> childArgs = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                ChatServer.class.getName()));
        for (String arg : args) {
            if (!arg.equals("--background")) {
                childArgs.add(arg);
            }
        }
        ChildJvm.requireNoAgentOn(controlPort);
        Process child = new ProcessBuilder(ChildJvm.command(childArgs)).inheritIO().start();
        boolean ready;
        try {
            ready = ChildJvm.awaitReady(child, controlPort);
        } catch (IOException notReady) {
            child.destroyForcibly();
            throw new DemoUsageException("the server " + notReady.getMessage() + "; stopped it", 1);
        }
        if (!ready) {
            System.exit(child.exitValue());   // the child has printed its own line
        }
        System.out.println("Chat server running in the background (pid " + child.pid() + "); stop it with: kill "
                + child.pid());
    }
}
