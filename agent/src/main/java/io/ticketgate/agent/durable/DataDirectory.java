package io.ticketgate.agent.durable;

import io.ticketgate.agent.store.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a {@code --data-dir}, held under an exclusive lock while one agent uses them.
 *
 * <p>State lives in generations: {@code snapshot-G} holds the whole state as it was some time
 * after {@code journal-G} was started, and {@code journal-G} every change since it started, each
 * record the whole state of one session. So the state is the latest snapshot, overlaid with the
 * records of its journal and any later ones, the last record of a session winning. A snapshot is
 * written as {@code snapshot-G.tmp} and renamed when complete; files of older generations are
 * deleted only after that rename.
 */
public final class DataDirectory implements AutoCloseable {

    static final String LOCK_FILE = "lock";
    private static final Pattern GENERATION_FILE = Pattern.compile("(journal|snapshot)-(\\d{1,18})");

    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if need be and takes its lock.
     *
     * @throws DataDirectoryException if another agent holds it, or it cannot be made or locked
     */
    public static DataDirectory lock(Path directory) {
        Path lockFile = directory.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            if (!Files.isDirectory(directory)) {
                // PlayerData may be personal data: the directory the agent makes is its user's alone.
                Files.createDirectories(directory, privateTo(true));
            }
            createPrivately(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new DataDirectoryException(directory, "cannot create or open " + lockFile + ": " + reason(e)
                    + "; check that the directory exists and that the agent's user may write it");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            close(channel);
            throw new DataDirectoryException(directory, "cannot lock " + lockFile + ": " + reason(e));
        }
        if (lock == null) {
            close(channel);
            throw new DataDirectoryException(directory, "another agent is using it (it holds the lock "
                    + lockFile + "); stop that agent, or give each agent its own --data-dir");
        }
        return new DataDirectory(directory, channel, lock);
    }

    public Path path() {
        return directory;
    }

    Path journal(long generation) {
        return directory.resolve(String.format("journal-%012d", generation));
    }

    Path snapshot(long generation) {
        return directory.resolve(String.format("snapshot-%012d", generation));
    }

    private Path pendingSnapshot(long generation) {
        return directory.resolve(String.format("snapshot-%012d.tmp", generation));
    }

    /**
     * What the directory holds.
     *
     * @param states the latest state of each session it holds, in the order the files first name them
     * @param nextGeneration the generation to continue with: above every file there
     * @param bytes the size of the files read
     * @param journalBytes the part of {@code bytes} in journals: changes a compaction would fold
     *     into one snapshot
     * @param tornBytes bytes of torn tails cut off journals
     */
    public record Contents(List<StoredState> states, long nextGeneration, long bytes, long journalBytes,
            long tornBytes) {
    }

    /**
     * Reads the latest snapshot and the journals that follow it.
     *
     * @throws DataDirectoryException naming the file that cannot be read, and what to do
     */
    public Contents read() {
        TreeSet<Long> journals = new TreeSet<>();
        TreeSet<Long> snapshots = new TreeSet<>();
        listGenerations(journals, snapshots);
        long base = snapshots.isEmpty() ? Long.MIN_VALUE : snapshots.last();
        Map<String, StoredState> latest = new LinkedHashMap<>();
        long snapshotBytes = 0;
        long journalBytes = 0;
        long torn = 0;
        if (!snapshots.isEmpty()) {
            readInto(snapshot(base), latest, true);
            snapshotBytes = snapshot(base).toFile().length();
        }
        for (long generation : journals.tailSet(base, true)) {
            JournalFile journal = readInto(journal(generation), latest, false);
            journalBytes += journal.size();
            torn += journal.tornBytes();
        }
        long highest = Math.max(journals.isEmpty() ? 0 : journals.last(), snapshots.isEmpty() ? 0 : snapshots.last());
        return new Contents(new ArrayList<>(latest.values()), highest + 1, snapshotBytes + journalBytes, journalBytes,
                torn);
    }

    private void listGenerations(TreeSet<Long> journals, TreeSet<Long> snapshots) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher matcher = GENERATION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    (matcher.group(1).equals("journal") ? journals : snapshots).add(Long.parseLong(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new DataDirectoryException(directory, "cannot list its files: " + reason(e));
        }
    }

    /** Reads a snapshot ({@code whole}) or a journal into {@code latest}; returns the closed journal. */
    private JournalFile readInto(Path file, Map<String, StoredState> latest, boolean whole) {
        List<String> unreadable = new ArrayList<>(1);
        Consumer<ByteBuffer> records = record -> {
            if (!unreadable.isEmpty()) {
                return;
            }
            try {
                StoredState state = StateCodec.decode(record);
                latest.put(idOf(state), state);
            } catch (StateCodec.UnreadableRecord e) {
                unreadable.add(e.getMessage());
            }
        };
        try (JournalFile journal = whole ? null : JournalFile.open(file, records)) {
            if (whole) {
                JournalFile.readWhole(file, records);
            }
            if (!unreadable.isEmpty()) {
                throw new DataDirectoryException(directory, file + " holds " + unreadable.get(0)
                        + "; it was written by another version of Ticketgate, or damaged: restore the directory "
                        + "from a backup, or move it aside to start empty");
            }
            return journal;
        } catch (JournalCorruptException e) {
            throw new DataDirectoryException(directory, e.getMessage() + "; restore the directory from a backup, or "
                    + "move the file aside to start from the rest (the sessions in it are then lost)");
        } catch (IOException e) {
            throw new DataDirectoryException(directory, "cannot read " + file + ": " + reason(e)
                    + "; check its owner and permissions");
        }
    }

    private static String idOf(StoredState state) {
        return state instanceof StoredState.Game game ? game.gameSessionId()
                : ((StoredState.Player) state).playerSessionId();
    }

    /** Opens a new, empty journal for {@code generation}, and makes its name durable. */
    JournalFile startJournal(long generation) throws IOException {
        Path file = journal(generation);
        Files.deleteIfExists(file);
        createPrivately(file);
        JournalFile journal = JournalFile.open(file, record -> { });
        syncDirectory();
        return journal;
    }

    /**
     * Deletes what is of no use below {@code generation}: snapshots a killed process left half
     * written, and journals that hold nothing, as a run that changed nothing leaves; both would
     * otherwise stay until the next compaction.
     */
    void deleteLeftoversBefore(long generation) throws IOException {
        deleteBefore(generation, file -> file.getFileName().toString().endsWith(".tmp")
                || file.getFileName().toString().startsWith("journal-") && Files.size(file) == 0);
    }

    /**
     * Writes a snapshot for {@code generation} from {@code writer}, makes it durable, and then
     * deletes the files of older generations.
     *
     * @return the snapshot's size in bytes
     */
    long writeSnapshot(long generation, SnapshotWriter writer) throws IOException {
        Path pending = pendingSnapshot(generation);
        Files.deleteIfExists(pending);
        createPrivately(pending);
        long bytes;
        try (JournalFile snapshot = JournalFile.open(pending, record -> { })) {
            writer.writeTo(snapshot);
            snapshot.force();
            bytes = snapshot.size();
        }
        Files.move(pending, snapshot(generation), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        deleteBefore(generation);
        return bytes;
    }

    /** Writes a snapshot's batches; {@link #writeSnapshot} forces them once at the end. */
    @FunctionalInterface
    interface SnapshotWriter {
        void writeTo(JournalFile snapshot) throws IOException;
    }

    private void deleteBefore(long generation) throws IOException {
        deleteBefore(generation, file -> true);
    }

    private void deleteBefore(long generation, FileTest which) throws IOException {
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher matcher = GENERATION_FILE.matcher(name.endsWith(".tmp") ? name.substring(0, name.length() - 4)
                        : name);
                if (matcher.matches() && Long.parseLong(matcher.group(2)) < generation && which.test(file)) {
                    old.add(file);
                }
            }
        }
        for (Path file : old) {
            Files.deleteIfExists(file);
        }
        if (!old.isEmpty()) {
            syncDirectory();
        }
    }

    @FunctionalInterface
    private interface FileTest {
        boolean test(Path file) throws IOException;
    }

    /** Creates {@code file}, readable and writable by the agent's user only, unless it exists. */
    private static void createPrivately(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, privateTo(false));
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile: nothing to do.
            }
        }
    }

    /** rwx------ for a directory, rw------- for a file; nothing where POSIX permissions are unknown. */
    private static FileAttribute<?>[] privateTo(boolean directory) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))};
    }

    /** Makes created, renamed and deleted names durable: on Linux, an fsync of the directory. */
    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for reading; there the rename is as durable as it gets.
            if (Files.isDirectory(directory) && !System.getProperty("os.name").startsWith("Linux")) {
                return;
            }
            throw e;
        }
    }

    /** Releases the lock; another agent may then use the directory. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it all the same.
        }
        close(lockChannel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it.
        }
    }

    static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
