package io.ticketgate.agent.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The data dir cannot be used: its message is the one line an operator reads, naming the file
 * and what to do. Start-up stops on it; nothing is reset.
 */
public final class DataDirectoryException extends UncheckedIOException {

    DataDirectoryException(Path directory, String problem) {
        super(new IOException("cannot use the data dir " + directory + ": " + problem));
    }

    @Override
    public String getMessage() {
        return getCause().getMessage();
    }
}
