package io.ticketgate.agent.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JournalTest {

    @TempDir
    Path dir;

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> reopen(Path file) throws IOException {
        List<String> records = new ArrayList<>();
        try (JournalFile journal = JournalFile.open(file, collectInto(records))) {
            assertEquals(file, journal.path());
            return records;
        }
    }

    private static Consumer<ByteBuffer> collectInto(List<String> records) {
        return record -> records.add(StandardCharsets.UTF_8.decode(record).toString());
    }

    /** Writes three batches and returns where the last one starts. */
    private long threeBatches(Path file) throws IOException {
        try (JournalFile journal = JournalFile.open(file, record -> { })) {
            journal.appendBatch(List.of(text("a1"), text("a2")));
            journal.appendBatch(List.of(text("b1")));
            long lastStarts = Files.size(file);
            journal.appendBatch(List.of(text("c1"), text("c2"), text("c3")));
            return lastStarts;
        }
    }

    @Test
    void recordsComeBackInOrderAfterReopening() throws Exception {
        Path file = dir.resolve("journal");
        threeBatches(file);
        assertEquals(List.of("a1", "a2", "b1", "c1", "c2", "c3"), reopen(file));
        try (JournalFile journal = JournalFile.open(file, record -> { })) {
            journal.appendBatch(List.of(text("d1")));
        }
        assertEquals(List.of("a1", "a2", "b1", "c1", "c2", "c3", "d1"), reopen(file));
    }

    @Test
    void aLastBatchCutAtAnyByteIsSkippedAndTheRestLoads() throws Exception {
        Path whole = dir.resolve("whole");
        long lastStarts = threeBatches(whole);
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut = (int) lastStarts; cut < bytes.length; cut++) {
            Path torn = dir.resolve("torn-" + cut);
            Files.write(torn, Arrays.copyOf(bytes, cut));
            List<String> records = new ArrayList<>();
            try (JournalFile journal = JournalFile.open(torn, collectInto(records))) {
                assertEquals(cut - lastStarts, journal.tornBytes(), "cut at " + cut);
                // The tail is cut off, so the next batch follows the last whole one.
                journal.appendBatch(List.of(text("after")));
            }
            assertEquals(List.of("a1", "a2", "b1"), records, "cut at " + cut);
            assertEquals(List.of("a1", "a2", "b1", "after"), reopen(torn), "cut at " + cut);
        }
    }

    @Test
    void aLastBatchWithABadChecksumOrZerosInPlaceIsATornTail() throws Exception {
        Path file = dir.resolve("journal");
        long lastStarts = threeBatches(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 1] ^= 1;
        Files.write(file, flipped);
        assertEquals(List.of("a1", "a2", "b1"), reopen(file));

        byte[] zeroed = bytes.clone();
        Arrays.fill(zeroed, (int) lastStarts, zeroed.length, (byte) 0);
        Files.write(file, zeroed);
        assertEquals(List.of("a1", "a2", "b1"), reopen(file));
    }

    @Test
    void damageBeforeTheTailIsAnErrorNamingTheFileAndTheOffset() throws Exception {
        Path file = dir.resolve("journal");
        threeBatches(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[JournalFile.BATCH_HEADER_BYTES + 5] ^= 1;
        Files.write(file, bytes);
        JournalCorruptException corrupt = assertThrows(JournalCorruptException.class, () -> reopen(file));
        assertTrue(corrupt.getMessage().startsWith(file + " is corrupt at byte 0: the batch's checksum does not match"),
                corrupt.getMessage());
        assertEquals(bytes.length, Files.size(file), "a corrupt journal is left as it was");
    }

    @Test
    void aBurstOfAppendsSharesOneFsync() throws Exception {
        Path file = dir.resolve("journal");
        try (GroupCommitLog log = new GroupCommitLog(JournalFile.open(file, record -> { }), false)) {
            long last = 0;
            for (int i = 0; i < 100; i++) {
                last = log.append(text("r" + i));
            }
            log.start();
            log.awaitDurable(last);
            assertEquals(1, log.batches(), "100 queued records, one batch");
            log.awaitDurable(log.append(text("r100")));
            assertEquals(2, log.batches());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            expected.add("r" + i);
        }
        assertEquals(expected, reopen(file));
    }

    @Test
    void anAppendAfterCloseFailsRatherThanWaitingForever() throws Exception {
        GroupCommitLog log = new GroupCommitLog(JournalFile.open(dir.resolve("journal"), record -> { }));
        log.close();
        long ticket = log.append(text("late"));
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> log.awaitDurable(ticket));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }

    @Test
    void aRotationPutsEarlierRecordsInTheOldFileAndLaterOnesInTheNew() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        try (GroupCommitLog log = new GroupCommitLog(JournalFile.open(first, record -> { }), false)) {
            log.append(text("before"));
            CompletableFuture<Void> rotated = log.rotate(() -> JournalFile.open(second, record -> { }));
            long after = log.append(text("after"));
            log.start();
            rotated.join();
            log.awaitDurable(after);
        }
        assertEquals(List.of("before"), reopen(first));
        assertEquals(List.of("after"), reopen(second));
    }
}
