package io.ticketgate.agent.launcher;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java agent for {@link SidecarOutOfMemoryIT}, never shipped: once the file its argument names
 * appears, it fills the heap from a thread of its own, catches the OutOfMemoryError, lets the
 * memory go and carries on, as code that swallows the error would (Netty's handlers do). The
 * JVM survives that unless it exits on the first OutOfMemoryError.
 */
public final class OutOfMemoryTrigger {

    /** Printed to stderr once the error was caught: the JVM is still running. */
    static final String SWALLOWED = "out-of-memory-trigger: swallowed an OutOfMemoryError";

    private OutOfMemoryTrigger() {
    }

    public static void premain(String triggerFile) {
        Thread thread = new Thread(() -> fillTheHeapOnce(Path.of(triggerFile)), "out-of-memory-trigger");
        thread.setDaemon(true);
        thread.start();
    }

    private static void fillTheHeapOnce(Path trigger) {
        try {
            awaitFile(trigger);
        } catch (IOException | InterruptedException e) {
            return;
        }
        List<long[]> hoard = new ArrayList<>();
        try {
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        } catch (OutOfMemoryError swallowed) {
            hoard = null;
            System.err.println(SWALLOWED);
        }
    }

    private static void awaitFile(Path file) throws IOException, InterruptedException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            while (!Files.exists(file)) {
                watcher.take().reset();
            }
        }
    }
}
