package dev.rill.streams.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.state.internal.OffsetCheckpoint.CorruptCheckpointException;
import dev.rill.streams.state.internal.OffsetCheckpoint.TopicPartitionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random checkpoints: they round-trip, and damage to the file is reported, never read as a different map.
 * Topic names are either Kafka-like (a small alphabet, so that topics share prefixes and partitions) or
 * arbitrary Unicode (any code point but a lone surrogate, which cannot be written).
 */
class OffsetCheckpointProperties {

    @Property(tries = 300)
    void randomMapsRoundTrip(@ForAll("offsets") Map<TopicPartitionKey, Long> offsets) throws IOException {
        Path dir = Files.createTempDirectory("rill-checkpoint-properties");
        try {
            OffsetCheckpoint checkpoint = OffsetCheckpoint.inDirectory(dir.toFile());
            checkpoint.write(offsets);
            assertThat(checkpoint.read()).isEqualTo(offsets);
            // Writing what was read gives the same file.
            byte[] first = Files.readAllBytes(checkpoint.file().toPath());
            checkpoint.write(checkpoint.read());
            assertThat(Files.readAllBytes(checkpoint.file().toPath())).isEqualTo(first);
        } finally {
            deleteRecursively(dir);
        }
    }

    /**
     * Any one byte replaced by any value: the content is unchanged (same value) or the read fails. The
     * CRC32C detects every error confined to 32 consecutive bits, so "fails" is certain, not likely.
     */
    @Property(tries = 1000)
    void singleByteCorruptionIsAlwaysDetected(@ForAll("offsets") Map<TopicPartitionKey, Long> offsets,
                                              @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                              @ForAll byte replacement) throws IOException {
        Path dir = Files.createTempDirectory("rill-checkpoint-properties");
        try {
            OffsetCheckpoint checkpoint = OffsetCheckpoint.inDirectory(dir.toFile());
            checkpoint.write(offsets);
            Path file = checkpoint.file().toPath();
            byte[] bytes = Files.readAllBytes(file);
            int at = position % bytes.length;
            boolean changed = bytes[at] != replacement;
            bytes[at] = replacement;
            Files.write(file, bytes);
            if (changed) {
                assertThatThrownBy(checkpoint::read)
                    .as("byte %d of %d replaced", at, bytes.length)
                    .isInstanceOf(CorruptCheckpointException.class)
                    .hasMessageContaining(file.toString());
            } else {
                assertThat(checkpoint.read()).isEqualTo(offsets);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Every position of a random checkpoint, each damaged by a random non-zero XOR mask. */
    @Property(tries = 50)
    void everyPositionIsProtected(@ForAll("offsets") Map<TopicPartitionKey, Long> offsets,
                                  @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        Path dir = Files.createTempDirectory("rill-checkpoint-properties");
        try {
            OffsetCheckpoint checkpoint = OffsetCheckpoint.inDirectory(dir.toFile());
            checkpoint.write(offsets);
            Path file = checkpoint.file().toPath();
            byte[] original = Files.readAllBytes(file);
            for (int at = 0; at < original.length; at++) {
                byte[] bytes = original.clone();
                bytes[at] ^= (byte) mask;
                Files.write(file, bytes);
                assertThatThrownBy(checkpoint::read)
                    .as("byte %d of %d XORed with 0x%02X", at, bytes.length, mask)
                    .isInstanceOf(CorruptCheckpointException.class);
            }
            Files.write(file, original);
            assertThat(checkpoint.read()).isEqualTo(offsets);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Truncation at any length, and extra bytes at the end, are reported, never read as a shorter map. */
    @Property(tries = 300)
    void truncatedOrExtendedFilesAreDetected(@ForAll("offsets") Map<TopicPartitionKey, Long> offsets,
                                             @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut,
                                             @ForAll byte[] extra) throws IOException {
        Path dir = Files.createTempDirectory("rill-checkpoint-properties");
        try {
            OffsetCheckpoint checkpoint = OffsetCheckpoint.inDirectory(dir.toFile());
            checkpoint.write(offsets);
            Path file = checkpoint.file().toPath();
            byte[] original = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(original, cut % original.length));
            assertThatThrownBy(checkpoint::read).isInstanceOf(CorruptCheckpointException.class);
            if (extra.length > 0) {
                byte[] longer = Arrays.copyOf(original, original.length + extra.length);
                System.arraycopy(extra, 0, longer, original.length, extra.length);
                Files.write(file, longer);
                assertThatThrownBy(checkpoint::read).isInstanceOf(CorruptCheckpointException.class);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<Map<TopicPartitionKey, Long>> offsets() {
        Arbitrary<String> kafkaLike = Arbitraries.strings().withChars("ab.-_0").ofMinLength(0).ofMaxLength(6);
        Arbitrary<String> unicode = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
            .list().ofMaxSize(12)
            .map(cps -> cps.stream()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> topic = Arbitraries.oneOf(kafkaLike, unicode);
        Arbitrary<Integer> partition = Arbitraries.oneOf(
            Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, Integer.MAX_VALUE));
        Arbitrary<TopicPartitionKey> key = Combinators.combine(topic, partition).as(TopicPartitionKey::new);
        Arbitrary<Long> offset = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Arbitraries.maps(key, offset).ofMaxSize(20);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
