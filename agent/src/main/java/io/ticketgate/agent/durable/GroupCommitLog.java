package io.ticketgate.agent.durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit over a {@link JournalFile}: callers append records, each getting a ticket, and
 * wait for the batch that holds theirs; one thread writes whatever has queued up as one batch
 * with one fsync. A burst of callers pays a few fsyncs, not one each. Records reach the file in
 * ticket order. Once a write fails, that batch and every later one fail: nothing is acknowledged
 * that is not on disk.
 */
public final class GroupCommitLog implements AutoCloseable {

    /** Opens the file that follows the current one, for {@link #rotate}. */
    @FunctionalInterface
    public interface NextFile {
        JournalFile open() throws IOException;
    }

    /** Records in one batch at most: bounds a batch's size and the wait of its first caller. */
    static final int MAX_RECORDS_PER_BATCH = 4096;
    /** How long a caller waits for its batch before it is told the write did not complete. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Object appendLock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long appended;
    private NextFile rotation;
    /** The last ticket that belongs in the file before the rotation. */
    private long rotateAfter;
    private CompletableFuture<Void> rotated;
    private boolean closing;

    private final Object durableLock = new Object();
    private volatile long durable;
    private volatile IOException failure;
    private volatile boolean writeFailed;

    private final Thread writer;
    private JournalFile file;
    private volatile long fileBytes;
    private volatile long batches;

    /** Starts the log's writer on {@code file}. */
    public GroupCommitLog(JournalFile file) {
        this(file, true);
    }

    /** With {@code start} false the writer waits for {@link #start()}: tests queue a burst first. */
    GroupCommitLog(JournalFile file, boolean start) {
        this.file = file;
        this.fileBytes = file.size();
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
     * Queues {@code record} and returns its ticket for {@link #awaitDurable}. Quick and
     * thread-safe: records are written in the order of these calls.
     */
    public long append(byte[] record) {
        synchronized (appendLock) {
            long ticket = ++appended;
            if (!closing) {
                queue.addLast(record);
                if (queue.size() == 1) {
                    appendLock.notifyAll();
                }
            }
            return ticket;
        }
    }

    /**
     * Returns once the record with {@code ticket}, and every one before it, is on disk.
     *
     * @throws UncheckedIOException if it could not be written, the log closed first, or the
     *     disk did not answer within {@link #MAX_WAIT}
     */
    public void awaitDurable(long ticket) {
        if (durable >= ticket) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        synchronized (durableLock) {
            while (durable < ticket) {
                IOException failed = failure;
                if (failed != null) {
                    throw new UncheckedIOException("the data dir could not be written: " + failed.getMessage(),
                            failed);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new UncheckedIOException(new IOException("the data dir did not confirm a write within "
                            + MAX_WAIT.toSeconds() + " s"));
                }
                try {
                    durableLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException("interrupted while waiting for the data dir"));
                }
            }
        }
    }

    /** Returns once every record appended so far is on disk; as {@link #awaitDurable}. */
    public void sync() {
        long last;
        synchronized (appendLock) {
            last = appended;
        }
        awaitDurable(last);
    }

    /**
     * Writes what is queued to the current file, then continues in the one {@code next} opens:
     * every record appended before this call is in the old file, every later one in the new.
     */
    public CompletableFuture<Void> rotate(NextFile next) {
        synchronized (appendLock) {
            if (rotated != null) {
                throw new IllegalStateException("a rotation is already under way");
            }
            rotation = next;
            rotateAfter = appended;
            rotated = new CompletableFuture<>();
            appendLock.notifyAll();
            return rotated;
        }
    }

    /** Returns true once a write has failed: from then on nothing more is acknowledged. */
    public boolean failed() {
        return writeFailed;
    }

    /** Returns how many batches (and so fsyncs) have been written. */
    public long batches() {
        return batches;
    }

    /** Returns the length of the file being written now. */
    public long fileBytes() {
        return fileBytes;
    }

    private void writeBatches() {
        List<byte[]> batch = new ArrayList<>();
        while (true) {
            long lastTicket;
            NextFile next;
            CompletableFuture<Void> rotatedNow;
            boolean stop;
            synchronized (appendLock) {
                while (queue.isEmpty() && rotation == null && !closing) {
                    try {
                        appendLock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                long firstTicket = appended - queue.size() + 1;
                int take = Math.min(queue.size(), MAX_RECORDS_PER_BATCH);
                next = null;
                rotatedNow = null;
                if (rotation != null && rotateAfter - firstTicket + 1 <= take) {
                    // The old file takes exactly the records appended before rotate() was called.
                    take = (int) Math.max(0, rotateAfter - firstTicket + 1);
                    next = rotation;
                    rotatedNow = rotated;
                    rotation = null;
                    rotated = null;
                }
                for (int i = 0; i < take; i++) {
                    batch.add(queue.pollFirst());
                }
                lastTicket = firstTicket + take - 1;
                stop = closing && queue.isEmpty() && next == null;
            }
            if (!batch.isEmpty()) {
                write(batch, lastTicket);
                batch.clear();
            }
            if (next != null) {
                switchTo(next, rotatedNow);
            }
            if (stop) {
                return;
            }
        }
    }

    private void write(List<byte[]> batch, long lastTicket) {
        if (failure == null) {
            try {
                file.appendBatch(batch);
                fileBytes = file.size();
                batches++;
                synchronized (durableLock) {
                    durable = lastTicket;
                    durableLock.notifyAll();
                }
                return;
            } catch (IOException e) {
                writeFailed = true;
                fail(e);
            }
        }
    }

    private void switchTo(NextFile next, CompletableFuture<Void> done) {
        if (failure != null) {
            done.completeExceptionally(failure);
            return;
        }
        try {
            JournalFile opened = next.open();
            JournalFile old = file;
            file = opened;
            fileBytes = opened.size();
            old.close();
            done.complete(null);
        } catch (IOException e) {
            writeFailed = true;
            fail(e);
            done.completeExceptionally(e);
        }
    }

    private void fail(IOException e) {
        synchronized (durableLock) {
            failure = e;
            durableLock.notifyAll();
        }
    }

    /**
     * Stops at once, as a kill -9 would: what is queued is never written, its callers are told
     * so. For crash tests.
     */
    void halt() {
        synchronized (appendLock) {
            closing = true;
            queue.clear();
            writer.interrupt();
        }
        try {
            writer.join(MAX_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(new IOException("the journal was halted"));
        try {
            file.close();
        } catch (IOException e) {
            // As after a crash: whatever it holds is what was written.
        }
    }

    /** Writes what is queued, then stops the writer and closes the file; later appends fail. */
    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            closing = true;
            appendLock.notifyAll();
        }
        if (writer.isAlive()) {
            try {
                writer.join(MAX_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure == null) {
            fail(new IOException("the journal is closed"));
        }
        file.close();
    }
}
