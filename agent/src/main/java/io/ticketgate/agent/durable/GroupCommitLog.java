package io.ticketgate.agent.durable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit over a {@link JournalFile}: callers hand in records and wait for the batch that
 * holds theirs; one thread writes whatever has queued up as one batch with one fsync. A burst of
 * callers pays a few fsyncs, not one each. Records reach the file in the order they were
 * appended. Once a write fails, that batch and every later append fail: nothing is acknowledged
 * that is not on disk.
 */
public final class GroupCommitLog implements AutoCloseable {

    /** Records in one batch at most: bounds a batch's memory and the wait of its first caller. */
    static final int MAX_RECORDS_PER_BATCH = 4096;

    private record Pending(byte[] record, CompletableFuture<Void> durable) {
    }

    private static final Pending STOP = new Pending(new byte[0], new CompletableFuture<>());

    private final JournalFile file;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong batches = new AtomicLong();
    private volatile IOException failure;
    private volatile boolean closed;

    /** Starts the log's writer on {@code file}. */
    public GroupCommitLog(JournalFile file) {
        this(file, true);
    }

    /** With {@code start} false the writer waits for {@link #start()}: tests queue a burst first. */
    GroupCommitLog(JournalFile file, boolean start) {
        this.file = file;
        this.writer = new Thread(this::writeBatches, "ticketgate-journal");
        this.writer.setDaemon(true);
        if (start) {
            start();
        }
    }

    void start() {
        writer.start();
    }

    /**
     * Queues {@code record} and returns a future completed once it is on disk (or failed with the
     * write's IOException). Thread-safe; records are written in the order of these calls.
     */
    public CompletableFuture<Void> append(byte[] record) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        IOException failed = closed ? new IOException("the journal is closed") : failure;
        if (failed != null) {
            durable.completeExceptionally(failed);
            return durable;
        }
        queue.add(new Pending(record, durable));
        return durable;
    }

    /** Returns how many batches (and so fsyncs) have been written. */
    public long batches() {
        return batches.get();
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_RECORDS_PER_BATCH - 1);
            boolean stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
            if (stopping) {
                return;
            }
        }
    }

    private void write(List<Pending> batch) {
        IOException failed = failure;
        if (failed == null) {
            try {
                file.appendBatch(batch.stream().map(Pending::record).toList());
                batches.incrementAndGet();
                batch.forEach(pending -> pending.durable().complete(null));
                return;
            } catch (IOException e) {
                failure = e;
                failed = e;
            }
        }
        for (Pending pending : batch) {
            pending.durable().completeExceptionally(failed);
        }
    }

    /** Writes what is queued, then stops the writer and closes the file. */
    @Override
    public void close() throws IOException {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever raced in behind the stop is refused, never left waiting.
        List<Pending> late = new ArrayList<>();
        queue.drainTo(late);
        IOException closedNow = new IOException("the journal is closed");
        late.forEach(pending -> pending.durable().completeExceptionally(closedNow));
        file.close();
    }
}
