package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.state.internal.OffsetCheckpoint.CorruptCheckpointException;
import dev.rill.streams.state.internal.OffsetCheckpoint.TopicPartitionKey;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetCheckpointTest {
    @TempDir
    Path dir;

    private OffsetCheckpoint checkpoint() {
        return OffsetCheckpoint.inDirectory(dir.toFile());
    }

    private Path file() {
        return dir.resolve(OffsetCheckpoint.FILE_NAME);
    }

    private static TopicPartitionKey tp(String topic, int partition) {
        return new TopicPartitionKey(topic, partition);
    }

    private static Map<TopicPartitionKey, Long> sample() {
        Map<TopicPartitionKey, Long> offsets = new HashMap<>();
        offsets.put(tp("app-counts-changelog", 0), 42L);
        offsets.put(tp("app-counts-changelog", 3), 0L);
        offsets.put(tp("app-totals-changelog", 0), Long.MAX_VALUE);
        return offsets;
    }

    // ---- round trips ---------------------------------------------------------------------------------

    @Test
    void writtenOffsetsReadBack() throws IOException {
        OffsetCheckpoint checkpoint = checkpoint();
        checkpoint.write(sample());
        assertThat(checkpoint.file()).isEqualTo(file().toFile().getAbsoluteFile());
        assertThat(checkpoint.read()).isEqualTo(sample());
        // Another instance over the same file reads the same.
        assertThat(new OffsetCheckpoint(file().toFile()).read()).isEqualTo(sample());
    }

    @Test
    void readReturnsEntriesSortedByTopicThenPartitionAndUnmodifiable() throws IOException {
        Map<TopicPartitionKey, Long> offsets = new LinkedHashMap<>();
        offsets.put(tp("b", 10), 1L);
        offsets.put(tp("b", 2), 2L);
        offsets.put(tp("a", 5), 3L);
        checkpoint().write(offsets);
        Map<TopicPartitionKey, Long> read = checkpoint().read();
        assertThat(read.keySet()).containsExactly(tp("a", 5), tp("b", 2), tp("b", 10));
        assertThatThrownBy(() -> read.put(tp("c", 0), 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyMapRoundTrips() throws IOException {
        checkpoint().write(Map.of());
        assertThat(file()).exists();
        assertThat(checkpoint().read()).isEmpty();
    }

    @Test
    void writeReplacesThePreviousCheckpoint() throws IOException {
        OffsetCheckpoint checkpoint = checkpoint();
        checkpoint.write(sample());
        checkpoint.write(Map.of(tp("other", 1), 7L));
        assertThat(checkpoint.read()).containsExactly(Map.entry(tp("other", 1), 7L));
        assertThat(leftoverTemp()).isFalse();
    }

    @Test
    void sameContentGivesTheSameBytes() throws IOException {
        Map<TopicPartitionKey, Long> reversed = new LinkedHashMap<>();
        reversed.put(tp("z", 1), 1L);
        reversed.put(tp("a", 1), 2L);
        checkpoint().write(reversed);
        byte[] first = Files.readAllBytes(file());
        checkpoint().write(new HashMap<>(reversed));
        assertThat(Files.readAllBytes(file())).isEqualTo(first);
    }

    @Test
    void topicNamesWithUnusualCharactersRoundTrip() throws IOException {
        Map<TopicPartitionKey, Long> offsets = new HashMap<>();
        List<String> topics = List.of("", " ", "with space", "new\nline", "tab\tand\rreturn", "equals=colon:slash/",
            "quote\"'back\\slash", "nul\u0000char", "ünïcödé-主题-тема", "emoji-\uD83D\uDE00", "\uFFFF",
            "x".repeat(10_000), "app-store-changelog 0 42", "0", "-1");
        for (int i = 0; i < topics.size(); i++) {
            offsets.put(tp(topics.get(i), i), (long) i * 1000);
        }
        checkpoint().write(offsets);
        assertThat(checkpoint().read()).isEqualTo(offsets);
    }

    @Test
    void topicsWithUnpairedSurrogatesAreRejectedAndNothingIsWritten() throws IOException {
        checkpoint().write(sample());
        assertThatThrownBy(() -> checkpoint().write(Map.of(tp("bad\uD800", 0), 1L)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not valid Unicode");
        assertThat(checkpoint().read()).isEqualTo(sample());
        assertThat(leftoverTemp()).isFalse();
    }

    @Test
    void invalidInputIsRejectedBeforeAnythingIsWritten() throws IOException {
        checkpoint().write(sample());
        Map<TopicPartitionKey, Long> negative = Map.of(tp("t", 0), -1L);
        assertThatThrownBy(() -> checkpoint().write(negative))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t-0").hasMessageContaining("-1");
        Map<TopicPartitionKey, Long> nullOffset = new HashMap<>();
        nullOffset.put(tp("t", 0), null);
        assertThatThrownBy(() -> checkpoint().write(nullOffset)).isInstanceOf(NullPointerException.class);
        Map<TopicPartitionKey, Long> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        assertThatThrownBy(() -> checkpoint().write(nullKey)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> checkpoint().write(null)).isInstanceOf(NullPointerException.class);
        assertThat(checkpoint().read()).isEqualTo(sample());
    }

    @Test
    void topicPartitionKeyRejectsNullTopicAndNegativePartition() {
        assertThatThrownBy(() -> tp(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tp("t", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tp("t", 3)).isEqualTo(tp("t", 3)).hasToString("t-3");
    }

    @Test
    void writeCreatesAMissingDirectory() throws IOException {
        File nested = dir.resolve("task-0_1").toFile();
        OffsetCheckpoint checkpoint = OffsetCheckpoint.inDirectory(nested);
        checkpoint.write(sample());
        assertThat(checkpoint.read()).isEqualTo(sample());
    }

    // ---- missing and deleted files ------------------------------------------------------------------------

    @Test
    void missingFileReadsAsEmpty() throws IOException {
        assertThat(checkpoint().read()).isEmpty();
        assertThat(OffsetCheckpoint.inDirectory(dir.resolve("no-such-dir").toFile()).read()).isEmpty();
    }

    @Test
    void deleteRemovesTheFileAndIsIdempotent() throws IOException {
        OffsetCheckpoint checkpoint = checkpoint();
        checkpoint.write(sample());
        checkpoint.delete();
        assertThat(file()).doesNotExist();
        assertThat(checkpoint.read()).isEmpty();
        checkpoint.delete();
        OffsetCheckpoint.inDirectory(dir.resolve("no-such-dir").toFile()).delete();
    }

    @Test
    void deleteAlsoRemovesALeftoverTempFile() throws IOException {
        checkpoint().write(sample());
        Files.write(tempFile(), new byte[] {1, 2, 3});
        checkpoint().delete();
        assertThat(file()).doesNotExist();
        assertThat(leftoverTemp()).isFalse();
    }

    // ---- crashes ---------------------------------------------------------------------------------------

    @Test
    void leftoverTempFileFromACrashIsIgnoredByReadAndReplacedByTheNextWrite() throws IOException {
        OffsetCheckpoint checkpoint = checkpoint();
        checkpoint.write(sample());
        // A crash during a later write left a torn temporary file: half of a valid newer checkpoint.
        OffsetCheckpoint other = OffsetCheckpoint.inDirectory(dir.resolve("elsewhere").toFile());
        other.write(Map.of(tp("newer", 0), 99L, tp("newer", 1), 100L));
        byte[] newer = Files.readAllBytes(other.file().toPath());
        Files.write(tempFile(), Arrays.copyOf(newer, newer.length / 2));

        assertThat(checkpoint.read()).isEqualTo(sample());
        assertThat(OffsetCheckpoint.inDirectory(dir.toFile()).read()).isEqualTo(sample());

        checkpoint.write(Map.of(tp("after", 0), 5L));
        assertThat(checkpoint.read()).containsExactly(Map.entry(tp("after", 0), 5L));
        assertThat(leftoverTemp()).isFalse();
    }

    @Test
    void leftoverTempFileWithoutAnyCheckpointReadsAsEmpty() throws IOException {
        Files.write(tempFile(), new byte[] {0x52, 0x4C});
        assertThat(checkpoint().read()).isEmpty();
    }

    @Test
    void failedWriteLeavesThePreviousCheckpoint() throws IOException {
        OffsetCheckpoint checkpoint = checkpoint();
        checkpoint.write(sample());
        // A directory where the temporary file should go makes the write fail before the rename.
        Files.createDirectory(tempFile());
        Files.write(tempFile().resolve("occupant"), new byte[] {1});
        assertThatThrownBy(() -> checkpoint.write(Map.of(tp("x", 0), 1L)))
            .isInstanceOf(IOException.class)
            .hasMessageContaining(file().toString())
            .hasMessageContaining("previous checkpoint is unchanged");
        assertThat(checkpoint.read()).isEqualTo(sample());
    }

    // ---- corruption ------------------------------------------------------------------------------------

    @Test
    void flippedBitIsReportedAsAChecksumMismatchNamingTheFile() throws IOException {
        checkpoint().write(sample());
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file(), bytes);
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(file().toString())
            .hasMessageContaining("checksum")
            .satisfies(e -> assertThat(((CorruptCheckpointException) e).file()).isEqualTo(file().toAbsolutePath()));
    }

    @Test
    void damagedChecksumIsDetected() throws IOException {
        checkpoint().write(sample());
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length - 1] ^= (byte) 0x80;
        Files.write(file(), bytes);
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(CorruptCheckpointException.class).hasMessageContaining("checksum");
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        checkpoint().write(sample());
        byte[] bytes = Files.readAllBytes(file());
        for (int length = 0; length < bytes.length; length++) {
            Files.write(file(), Arrays.copyOf(bytes, length));
            int truncatedTo = length;
            assertThatThrownBy(() -> checkpoint().read())
                .as("truncated to %d of %d bytes", truncatedTo, bytes.length)
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file().toString());
        }
    }

    @Test
    void emptyFileIsReportedAsTruncated() throws IOException {
        Files.write(file(), new byte[0]);
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(file().toString())
            .hasMessageContaining("truncated");
    }

    @Test
    void appendedBytesAreDetected() throws IOException {
        checkpoint().write(sample());
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(bytes, bytes.length + 1));
        assertThatThrownBy(() -> checkpoint().read()).isInstanceOf(CorruptCheckpointException.class);
    }

    @Test
    void unknownVersionIsReportedAsSuch() throws IOException {
        checkpoint().write(sample());
        byte[] bytes = Files.readAllBytes(file());
        // A future version, with a checksum that matches: only the version tells it apart.
        ByteBuffer.wrap(bytes).putInt(4, OffsetCheckpoint.VERSION + 1);
        rewriteCrc(bytes);
        Files.write(file(), bytes);
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(file().toString())
            .hasMessageContaining("version is " + (OffsetCheckpoint.VERSION + 1));
    }

    @Test
    void foreignFileIsReportedAsNotACheckpoint() throws IOException {
        // Kafka's text checkpoint format: "0\n1\ntopic 0 42\n".
        Files.writeString(file(), "0\n1\napp-counts-changelog 0 42\n");
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(CorruptCheckpointException.class)
            .hasMessageContaining(file().toString())
            .hasMessageContaining("magic");
    }

    @Test
    void structuralErrorsBehindAValidChecksumAreDetected() throws IOException {
        // Written by a hypothetical buggy writer: the CRC matches, the structure does not.
        byte[] negativeCount = withCrc(ByteBuffer.allocate(16).putInt(0x524C4350).putInt(1).putInt(-1));
        byte[] tooManyEntries = withCrc(ByteBuffer.allocate(16).putInt(0x524C4350).putInt(1).putInt(1));
        byte[] hugeTopicLength = withCrc(ByteBuffer.allocate(32).putInt(0x524C4350).putInt(1).putInt(1)
            .putInt(Integer.MAX_VALUE).putInt(0).putLong(0));
        byte[] negativeOffset = withCrc(ByteBuffer.allocate(33).putInt(0x524C4350).putInt(1).putInt(1)
            .putInt(1).put((byte) 't').putInt(0).putLong(-5));
        byte[] duplicate = withCrc(ByteBuffer.allocate(50).putInt(0x524C4350).putInt(1).putInt(2)
            .putInt(1).put((byte) 't').putInt(0).putLong(1)
            .putInt(1).put((byte) 't').putInt(0).putLong(2));
        byte[] badUtf8 = withCrc(ByteBuffer.allocate(33).putInt(0x524C4350).putInt(1).putInt(1)
            .putInt(1).put((byte) 0xFF).putInt(0).putLong(1));
        for (byte[] content : List.of(negativeCount, tooManyEntries, hugeTopicLength, negativeOffset, duplicate,
            badUtf8)) {
            Files.write(file(), content);
            assertThatThrownBy(() -> checkpoint().read())
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(file().toString());
        }
        // The same construction with valid content reads fine, so the helpers above are right.
        Files.write(file(), withCrc(ByteBuffer.allocate(33).putInt(0x524C4350).putInt(1).putInt(1)
            .putInt(1).put((byte) 't').putInt(0).putLong(7)));
        assertThat(checkpoint().read()).containsExactly(Map.entry(tp("t", 0), 7L));
    }

    @Test
    void directoryInPlaceOfTheFileIsAnIoErrorNamingIt() throws IOException {
        Files.createDirectory(file());
        assertThatThrownBy(() -> checkpoint().read())
            .isInstanceOf(IOException.class)
            .hasMessageContaining(file().toString());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Path tempFile() {
        return dir.resolve(OffsetCheckpoint.FILE_NAME + OffsetCheckpoint.TEMP_SUFFIX);
    }

    private boolean leftoverTemp() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(OffsetCheckpoint.TEMP_SUFFIX));
        }
    }

    /** Fills the last four bytes of the buffer with the CRC32C of the bytes before them. */
    private static byte[] withCrc(ByteBuffer content) {
        byte[] bytes = content.array();
        rewriteCrc(bytes);
        return bytes;
    }

    private static void rewriteCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
}
