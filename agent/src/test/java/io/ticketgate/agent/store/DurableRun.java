package io.ticketgate.agent.store;

import io.ticketgate.agent.FakeTime;
import io.ticketgate.agent.durable.DataDirectory;
import io.ticketgate.agent.durable.DurableStateLog;
import java.nio.file.Path;

/**
 * One run of an agent's store on a data dir, opened as the agent opens it: the directory locked
 * and read, and the store restored from it (journaling what the restart changed). A crash is
 * {@code log.halt()}; the next run opens the same directory on the same time.
 */
final class DurableRun {

    final DurableStateLog log;
    final StoreFixture fixture;
    final SessionStore store;
    final SessionStore.Restored restored;

    DurableRun(Path directory, FakeTime time, StoreFixture.Settings settings, long compactAfterBytes) {
        DataDirectory locked = DataDirectory.lock(directory);
        DataDirectory.Contents contents;
        try {
            contents = locked.read();
        } catch (RuntimeException e) {
            locked.close();
            throw e;
        }
        log = DurableStateLog.start(locked, contents, compactAfterBytes);
        fixture = new StoreFixture(settings, Runnable::run, time, log);
        store = fixture.store;
        restored = store.restore(contents.states());
        log.attach(store, contents);
    }

    DurableRun(Path directory, FakeTime time, StoreFixture.Settings settings) {
        this(directory, time, settings, DurableStateLog.DEFAULT_COMPACT_AFTER_BYTES);
    }
}
