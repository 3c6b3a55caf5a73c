package io.ticketgate.agent.runtime;

import java.nio.file.Path;

/**
 * Where the agent keeps its sessions across restarts.
 *
 * @param directory the data dir; null to keep sessions in memory only
 * @param compactAfterBytes a journal smaller than this is not compacted
 */
public record DataSettings(Path directory, long compactAfterBytes) {

    /** Sessions in memory only: a restart forgets them. */
    public static final DataSettings MEMORY_ONLY = new DataSettings(null, 0);

    /** Sessions kept in {@code directory}, compacted at the default size. */
    public static DataSettings in(Path directory) {
        return new DataSettings(directory, io.ticketgate.agent.durable.DurableStateLog.DEFAULT_COMPACT_AFTER_BYTES);
    }
}
