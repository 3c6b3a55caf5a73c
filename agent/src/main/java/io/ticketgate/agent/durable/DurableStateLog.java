package io.ticketgate.agent.durable;

import io.ticketgate.agent.store.SessionStore;
import io.ticketgate.agent.store.StateLog;
import io.ticketgate.agent.store.StoredState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@link StateLog} on a {@link DataDirectory}: each change is a record in the
 * current journal, written with group commit; when the journal has grown past the last snapshot
 * (and a floor), a compaction starts the next generation's journal, snapshots the store into it
 * and deletes the older files, so the directory holds about the sessions the store holds.
 */
public final class DurableStateLog implements StateLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableStateLog.class);

    /** A journal smaller than this is never compacted: a small store does not rewrite itself often. */
    public static final long DEFAULT_COMPACT_AFTER_BYTES = 16L * 1024 * 1024;
    /** Snapshot batches are about this large; the snapshot is forced once, at its end. */
    private static final int SNAPSHOT_BATCH_BYTES = 1024 * 1024;

    private final DataDirectory directory;
    private final GroupCommitLog log;
    private final long compactAfterBytes;
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final AtomicLong compactions = new AtomicLong();
    private final ExecutorService compactor;
    private volatile long generation;
    /** The bytes of the last snapshot or, until the first compaction, of the files read at start-up. */
    private volatile long snapshotBytes;
    private volatile boolean foldPending;
    private volatile SessionStore store;

    private DurableStateLog(DataDirectory directory, long generation, long compactAfterBytes) throws IOException {
        this.directory = directory;
        this.generation = generation;
        this.compactAfterBytes = compactAfterBytes;
        this.log = new GroupCommitLog(directory.startJournal(generation));
        try {
            directory.deleteLeftoversBefore(generation);
        } catch (IOException e) {
            LOG.warn("cannot delete leftover files in {}: {}", directory.path(), DataDirectory.reason(e));
        }
        this.compactor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "ticketgate-compaction");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts this run's generation on a locked directory whose contents have been read: a new,
     * empty journal above every file there.
     *
     * @throws DataDirectoryException if the journal cannot be created
     */
    public static DurableStateLog start(DataDirectory directory, DataDirectory.Contents contents,
            long compactAfterBytes) {
        try {
            return new DurableStateLog(directory, contents.nextGeneration(), compactAfterBytes);
        } catch (IOException e) {
            throw new DataDirectoryException(directory.path(), "cannot create "
                    + directory.journal(contents.nextGeneration()) + ": " + DataDirectory.reason(e));
        }
    }

    @Override
    public long append(StoredState state) {
        return log.append(StateCodec.encode(state));
    }

    @Override
    public void awaitDurable(long ticket) {
        log.awaitDurable(ticket);
    }

    /**
     * Takes over the directory's files for {@code restored}, the store that has restored them
     * (and journaled what the restart changed): they stay as they are, so start-up does not
     * wait for a snapshot. The first {@link #compactIfDue} folds them into one if they hold
     * journals; until then a crash reads them back with this run's journal after them.
     */
    public void attach(SessionStore restored, DataDirectory.Contents read) {
        this.snapshotBytes = read.bytes();
        this.foldPending = read.journalBytes() > 0;
        this.store = restored;
    }

    /**
     * Starts a compaction in the background if the journal has outgrown the last snapshot, or if
     * the files read at start-up still hold journals.
     *
     * @return true if it started one
     */
    public boolean compactIfDue() {
        long journalBytes = log.fileBytes();
        if (store != null && (foldPending || journalBytes > Math.max(compactAfterBytes, snapshotBytes))
                && compacting.compareAndSet(false, true)) {
            compactor.execute(this::compact);
            return true;
        }
        return false;
    }

    /**
     * Compacts now, on the caller's thread, unless a compaction is under way: the next
     * generation's journal, a snapshot, the older files deleted.
     *
     * @return false if one was already under way
     */
    public boolean compactNow() {
        if (store == null || !compacting.compareAndSet(false, true)) {
            return false;
        }
        compact();
        return true;
    }

    private void compact() {
        long next = generation + 1;
        try {
            log.rotate(() -> directory.startJournal(next)).join();
            generation = next;
            long started = System.nanoTime();
            snapshotBytes = directory.writeSnapshot(next, this::writeSnapshot);
            foldPending = false;
            compactions.incrementAndGet();
            LOG.debug("compacted the data dir into {} bytes in {} ms", snapshotBytes,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            // The journal goes on; the next check tries again. Nothing acknowledged is at risk.
            LOG.warn("compacting the data dir {} failed: {}", directory.path(), DataDirectory.reason(e));
        } finally {
            compacting.set(false);
        }
    }

    private void writeSnapshot(JournalFile snapshot) throws IOException {
        List<byte[]> batch = new ArrayList<>();
        int[] batchBytes = {0};
        try {
            store.forEachGameSessionState(states -> {
                for (StoredState state : states) {
                    byte[] record = StateCodec.encode(state);
                    batch.add(record);
                    batchBytes[0] += record.length;
                }
                if (batchBytes[0] >= SNAPSHOT_BATCH_BYTES) {
                    writeBatch(snapshot, batch);
                    batchBytes[0] = 0;
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!batch.isEmpty()) {
            snapshot.writeBatch(batch);
        }
    }

    private static void writeBatch(JournalFile snapshot, List<byte[]> batch) {
        try {
            snapshot.writeBatch(batch);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.clear();
    }

    /** Returns once every change handed over so far is on disk, acknowledged or not. */
    public void sync() {
        log.sync();
    }

    /** Returns how many compactions have completed in this run. */
    public long compactions() {
        return compactions.get();
    }

    /** Returns the bytes of the current snapshot and journal: about the directory's size. */
    public long bytes() {
        return snapshotBytes + log.fileBytes();
    }

    /** Returns true once a journal write has failed: calls that change sessions fail from then on. */
    public boolean failed() {
        return log.failed();
    }

    /** Returns how many batches (fsyncs) the journal has written in this run. */
    public long batches() {
        return log.batches();
    }

    /**
     * Stops as a kill -9 would, mid-compaction or not, and releases the directory: what was
     * acknowledged is on disk, nothing else is written. For crash tests in one JVM.
     */
    public void halt() {
        compactor.shutdownNow();
        log.halt();
        try {
            // A compaction under way stops at its next write (the journal's is refused now); it
            // must not touch the directory once another store has opened it.
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        directory.close();
    }

    /** Writes what is queued, waits for a compaction under way, and releases the directory. */
    @Override
    public void close() {
        compactor.shutdown();
        try {
            compactor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            log.close();
        } catch (IOException e) {
            LOG.warn("closing the journal in {} failed: {}", directory.path(), DataDirectory.reason(e));
        }
        directory.close();
    }
}
