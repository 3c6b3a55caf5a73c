package io.ticketgate.agent.durable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal that does not check out before its tail: not a crash's doing, so never dropped
 * silently. The message names the file and the offset; whoever reads the file says what to do
 * ({@link DataDirectory}), once.
 */
public final class JournalCorruptException extends IOException {

    JournalCorruptException(Path file, long offset, String what) {
        super(file + " is corrupt at byte " + offset + ": " + what);
    }
}
