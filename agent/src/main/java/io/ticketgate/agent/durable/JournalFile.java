package io.ticketgate.agent.durable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, written in batches: each batch is one write and one fsync,
 * framed so that a crash can only ever tear the last one. A batch is {@code magic (u32),
 * payload length (u32), CRC-32C of the payload (u32), payload}, the payload a run of records,
 * each {@code length (u32), bytes}; all big-endian.
 *
 * <p>On open, every whole batch is read back in order. A last batch cut short by a crash (its
 * header or payload runs past the end of the file, its checksum fails where it ends the file, or
 * the file ends in zeros where it would start) is a torn tail: dropped and cut off, never fatal.
 * Anything else that does not check out is corruption, reported with the file and the offset,
 * never silently dropped. Not thread-safe: {@link GroupCommitLog} is its one writer.
 */
public final class JournalFile implements AutoCloseable {

    static final int MAGIC = 0x54474231; // "TGB1"
    static final int BATCH_HEADER_BYTES = 12;
    static final int RECORD_HEADER_BYTES = 4;
    /** A batch larger than this is not one this code wrote: corruption, not a huge allocation. */
    static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long tornBytes;
    private long size;

    private JournalFile(Path path, FileChannel channel, long tornBytes, long size) {
        this.path = path;
        this.channel = channel;
        this.tornBytes = tornBytes;
        this.size = size;
    }

    /**
     * Opens (or creates) the journal, hands every record of every whole batch to {@code records},
     * in order, and cuts off a torn tail.
     *
     * @throws JournalCorruptException if a batch before the tail does not check out
     * @throws IOException if the file cannot be read or written
     */
    public static JournalFile open(Path path, Consumer<ByteBuffer> records) throws IOException {
        return open(path, records, false);
    }

    /**
     * Reads every record of a file that was complete before anything read it (a snapshot, renamed
     * into place once whole): there, a short or unchecked last batch is corruption too.
     *
     * @throws JournalCorruptException if any batch does not check out
     */
    public static void readWhole(Path path, Consumer<ByteBuffer> records) throws IOException {
        open(path, records, true).close();
    }

    private static JournalFile open(Path path, Consumer<ByteBuffer> records, boolean whole) throws IOException {
        FileChannel channel = whole ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            long position = 0;
            while (position < size) {
                long end = readBatch(path, channel, position, size, records);
                if (end < 0) {
                    if (whole) {
                        throw new JournalCorruptException(path, position, "its last batch is incomplete or damaged");
                    }
                    break;
                }
                position = end;
            }
            long torn = size - position;
            if (torn > 0) {
                channel.truncate(position);
                channel.force(true);
            }
            channel.position(position);
            return new JournalFile(path, channel, torn, position);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads the batch at {@code position}; returns where the next starts, or -1 for a torn tail.
     */
    private static long readBatch(Path path, FileChannel channel, long position, long size,
            Consumer<ByteBuffer> records) throws IOException {
        long remaining = size - position;
        if (remaining < BATCH_HEADER_BYTES) {
            return -1;
        }
        ByteBuffer header = read(channel, position, BATCH_HEADER_BYTES);
        int magic = header.getInt();
        long length = Integer.toUnsignedLong(header.getInt());
        int checksum = header.getInt();
        if (magic != MAGIC) {
            if (onlyZeros(channel, position, size)) {
                return -1;
            }
            throw new JournalCorruptException(path, position, "no batch starts here");
        }
        if (length > MAX_BATCH_BYTES) {
            throw new JournalCorruptException(path, position, "a batch of " + length + " bytes is not one of ours");
        }
        long end = position + BATCH_HEADER_BYTES + length;
        if (end > size) {
            return -1;
        }
        ByteBuffer payload = read(channel, position + BATCH_HEADER_BYTES, (int) length);
        if (crc(payload) != checksum) {
            if (end == size) {
                return -1;
            }
            throw new JournalCorruptException(path, position, "the batch's checksum does not match");
        }
        List<ByteBuffer> batch = new ArrayList<>();
        while (payload.hasRemaining()) {
            if (payload.remaining() < RECORD_HEADER_BYTES) {
                throw new JournalCorruptException(path, position, "a record header runs past its batch");
            }
            int recordLength = payload.getInt();
            if (recordLength < 0 || recordLength > payload.remaining()) {
                throw new JournalCorruptException(path, position, "a record runs past its batch");
            }
            batch.add(payload.slice(payload.position(), recordLength));
            payload.position(payload.position() + recordLength);
        }
        // Only a whole, checked batch is handed on: its records were acknowledged together.
        batch.forEach(records);
        return end;
    }

    /**
     * Appends {@code records} as one batch and forces it to disk: when this returns, they survive
     * a crash of the process or the machine.
     */
    public void appendBatch(List<byte[]> records) throws IOException {
        writeBatch(records);
        force();
    }

    /**
     * Appends {@code records} as one batch without forcing it to disk: for a snapshot, written
     * whole and forced once at its end.
     */
    public void writeBatch(List<byte[]> records) throws IOException {
        int length = 0;
        for (byte[] record : records) {
            length += RECORD_HEADER_BYTES + record.length;
        }
        ByteBuffer batch = ByteBuffer.allocate(BATCH_HEADER_BYTES + length);
        batch.position(BATCH_HEADER_BYTES);
        for (byte[] record : records) {
            batch.putInt(record.length).put(record);
        }
        int checksum = crc(batch.duplicate().position(BATCH_HEADER_BYTES).limit(batch.capacity()));
        batch.putInt(0, MAGIC).putInt(4, length).putInt(8, checksum);
        batch.position(0);
        while (batch.hasRemaining()) {
            channel.write(batch);
        }
        size += batch.capacity();
    }

    /** Forces every batch written so far to disk. */
    public void force() throws IOException {
        channel.force(false);
    }

    /** Returns the file's length: the whole batches it holds. */
    public long size() {
        return size;
    }

    /** Returns how many bytes of a torn tail were cut off on open; 0 if none. */
    public long tornBytes() {
        return tornBytes;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended while reading");
            }
        }
        return buffer.flip();
    }

    private static boolean onlyZeros(FileChannel channel, long position, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        for (long at = position; at < size; at += chunk.capacity()) {
            ByteBuffer bytes = read(channel, at, (int) Math.min(chunk.capacity(), size - at));
            while (bytes.hasRemaining()) {
                if (bytes.get() != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }
}
