package io.ticketgate.agent.durable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal that does not check out before its tail: not a crash's doing, so never dropped
 * silently. The message names the file, the offset and what to do.
 */
public final class JournalCorruptException extends IOException {

    JournalCorruptException(Path file, long offset, String what) {
        super(file + " is corrupt at byte " + offset + ": " + what + "; restore the data directory from a backup,"
                + " or move it aside to start empty");
    }
}
