package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A task's checkpoint file: for each changelog topic-partition of the task's stores, the offset the stores
 * have reached, that is the offset of the next changelog record to restore. A task that finds its
 * checkpoint on start restores only from those offsets; a task without one (or with a damaged one)
 * restores its stores from the beginning of their changelogs. The file lives in the task's state
 * directory, by convention as {@value #FILE_NAME} ({@link #inDirectory}).
 *
 * <p>Format, all integers big-endian:
 * <pre>
 *   magic      4 bytes   "RLCP"
 *   version    int32     1
 *   count      int32     number of entries, &gt;= 0
 *   count times, sorted by topic then partition:
 *     length     int32   length of the topic name in bytes
 *     topic      bytes   the topic name in UTF-8
 *     partition  int32   &gt;= 0
 *     offset     int64   &gt;= 0
 *   crc        int32     CRC32C of every byte before it
 * </pre>
 * The CRC covers the whole content, header included, so any damage of up to 32 consecutive bits (in
 * particular any single changed byte) is always detected, and other damage, truncation included, with
 * all but a 2<sup>-32</sup> chance; the structure is checked as well (entry count, lengths, no trailing
 * bytes). {@link #read()} does not return a silently wrong map.
 *
 * <p>{@link #write} is atomic: it writes a temporary file next to the checkpoint ({@value #FILE_NAME} plus
 * {@value #TEMP_SUFFIX}), forces it to disk, renames it over the checkpoint with an atomic move and forces
 * the directory, so after a crash the checkpoint is either the old file or the new one, never a torn mix.
 * A temporary file left by a crash is ignored by {@link #read()} and overwritten by the next
 * {@link #write}.
 *
 * <p>Not thread-safe: a checkpoint belongs to one task, used by the thread that runs it.
 */
@Internal
public final class OffsetCheckpoint {
    /** The conventional name of a task's checkpoint file in its state directory. */
    public static final String FILE_NAME = ".checkpoint";
    /** Appended to the checkpoint's name to name the temporary file that {@link #write} renames. */
    public static final String TEMP_SUFFIX = ".tmp";
    /** The only version this class writes and reads. */
    static final int VERSION = 1;
    /** "RLCP": Rill checkpoint. */
    private static final int MAGIC = 0x524C4350;
    private static final int HEADER_BYTES = 4 + 4 + 4;
    private static final int CRC_BYTES = 4;
    private static final int ENTRY_FIXED_BYTES = 4 + 4 + 8;
    /** Far above any real checkpoint; a larger file is damaged, not worth reading into memory. */
    private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    private static final boolean WINDOWS =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** A changelog topic-partition, the key of a checkpoint entry. */
    public record TopicPartitionKey(String topic, int partition) {
        /**
         * @param topic the topic name, any string not {@code null}
         * @param partition the partition, {@code >= 0}
         * @throws NullPointerException if the topic is {@code null}
         * @throws IllegalArgumentException if the partition is negative
         */
        public TopicPartitionKey {
            Objects.requireNonNull(topic, "topic must not be null");
            if (partition < 0) {
                throw new IllegalArgumentException("partition of topic '" + topic + "' must be >= 0, was " + partition);
            }
        }

        @Override
        public String toString() {
            return topic + "-" + partition;
        }
    }

    /**
     * Thrown by {@link #read()} when the checkpoint file exists but its content cannot be trusted: wrong
     * magic, unknown version, checksum mismatch, truncated or inconsistent. The caller should delete the
     * file and restore the task's stores from scratch.
     */
    public static final class CorruptCheckpointException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        CorruptCheckpointException(Path file, String problem) {
            super("checkpoint file " + file + " is corrupt: " + problem
                + ". Delete it to restore the task's stores from the beginning of their changelogs");
            this.file = file;
        }

        /** @return the corrupt file */
        public Path file() {
            return file;
        }
    }

    private final Path file;
    private final Path temp;

    /**
     * @param file the checkpoint file; it need not exist
     * @throws NullPointerException if the file is {@code null}
     */
    public OffsetCheckpoint(File file) {
        this.file = Objects.requireNonNull(file, "checkpoint file must not be null").toPath().toAbsolutePath();
        this.temp = this.file.resolveSibling(this.file.getFileName() + TEMP_SUFFIX);
    }

    /**
     * @param taskDirectory a task's state directory
     * @return the checkpoint {@code <taskDirectory>/}{@value #FILE_NAME}
     */
    public static OffsetCheckpoint inDirectory(File taskDirectory) {
        Objects.requireNonNull(taskDirectory, "task directory must not be null");
        return new OffsetCheckpoint(new File(taskDirectory, FILE_NAME));
    }

    /** @return the checkpoint file */
    public File file() {
        return file.toFile();
    }

    /**
     * Replaces the checkpoint with these offsets, atomically (see the class comment). Creates the
     * directory if it is missing. An empty map writes a checkpoint with no entries.
     *
     * @param offsets for each changelog topic-partition, the offset the stores have reached
     * @throws NullPointerException if the map, a key or an offset is {@code null}
     * @throws IllegalArgumentException if an offset is negative, or a topic name is not valid Unicode (an
     *         unpaired surrogate); nothing is written then
     * @throws IOException if the file cannot be written; the previous checkpoint, if any, is left as it was
     */
    public void write(Map<TopicPartitionKey, Long> offsets) throws IOException {
        byte[] content = encode(offsets);
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Data and size on disk before the rename can be: else a crash could leave the new name
                // pointing at an empty or partial file.
                channel.force(true);
            }
            // Never a plain move: that may copy, and a crash then could leave a torn checkpoint.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            // The rename itself is durable only once the directory is.
            syncDirectory(dir);
        } catch (IOException e) {
            if (!moved) {
                deleteQuietly(temp, e);
            }
            String hint;
            if (e instanceof AtomicMoveNotSupportedException) {
                hint = ". The file system cannot rename atomically; put the state directory on a local file system";
            } else if (moved) {
                hint = " (the new checkpoint is in place but may not survive a crash)";
            } else {
                hint = "; the previous checkpoint is unchanged";
            }
            throw new IOException("cannot write checkpoint file " + file + ": " + e + hint, e);
        }
    }

    /**
     * Reads the checkpoint.
     *
     * @return for each changelog topic-partition, the offset the stores have reached, in the file's order
     *         (topic, then partition); unmodifiable. Empty if the file does not exist
     * @throws CorruptCheckpointException naming the file if it exists but is damaged, truncated or of an
     *         unknown version
     * @throws IOException if the file exists but cannot be read
     */
    public Map<TopicPartitionKey, Long> read() throws IOException {
        byte[] content;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new CorruptCheckpointException(file, "it is " + size + " bytes long, more than any checkpoint"
                    + " (at most " + MAX_FILE_BYTES + ")");
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (CorruptCheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot read checkpoint file " + file + ": " + e, e);
        }
        return decode(content);
    }

    /**
     * Deletes the checkpoint (and a temporary file a crash may have left), durably: once this returns, a
     * crash does not bring the checkpoint back. Does nothing if there is no checkpoint.
     *
     * @throws IOException if the file exists and cannot be deleted
     */
    public void delete() throws IOException {
        try {
            boolean deleted = Files.deleteIfExists(file);
            deleted |= Files.deleteIfExists(temp);
            if (deleted) {
                syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new IOException("cannot delete checkpoint file " + file + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "OffsetCheckpoint(" + file + ")";
    }

    // ---- encoding --------------------------------------------------------------------------------------

    private static byte[] encode(Map<TopicPartitionKey, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets must not be null");
        List<Map.Entry<TopicPartitionKey, Long>> entries = new ArrayList<>(offsets.size());
        for (Map.Entry<TopicPartitionKey, Long> entry : offsets.entrySet()) {
            TopicPartitionKey key = Objects.requireNonNull(entry.getKey(), "a checkpoint key is null");
            Long offset = Objects.requireNonNull(entry.getValue(),
                () -> "the checkpoint offset of " + key + " is null");
            if (offset < 0) {
                throw new IllegalArgumentException("the checkpoint offset of " + key + " is negative: " + offset);
            }
            entries.add(Map.entry(key, offset));
        }
        entries.sort(Map.Entry.comparingByKey(
            Comparator.comparing(TopicPartitionKey::topic).thenComparingInt(TopicPartitionKey::partition)));
        List<byte[]> topics = new ArrayList<>(entries.size());
        long size = HEADER_BYTES + CRC_BYTES;
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (Map.Entry<TopicPartitionKey, Long> entry : entries) {
            String topic = entry.getKey().topic();
            byte[] bytes;
            try {
                ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(topic));
                bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("topic name '" + topic + "' is not valid Unicode (" + e
                    + ") and cannot be written to a checkpoint", e);
            }
            topics.add(bytes);
            size += ENTRY_FIXED_BYTES + bytes.length;
        }
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("a checkpoint of " + entries.size() + " entries would take " + size
                + " bytes, more than the " + MAX_FILE_BYTES + " allowed");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(MAGIC).putInt(VERSION).putInt(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            byte[] topic = topics.get(i);
            buffer.putInt(topic.length).put(topic)
                .putInt(entries.get(i).getKey().partition())
                .putLong(entries.get(i).getValue());
        }
        buffer.putInt(crc(buffer.array(), buffer.position()));
        return buffer.array();
    }

    private Map<TopicPartitionKey, Long> decode(byte[] content) throws CorruptCheckpointException {
        if (content.length < HEADER_BYTES + CRC_BYTES) {
            throw corrupt("it is truncated: " + content.length + " bytes, shorter than the smallest checkpoint ("
                + (HEADER_BYTES + CRC_BYTES) + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.BIG_ENDIAN);
        int magic = buffer.getInt();
        if (magic != MAGIC) {
            throw corrupt(String.format("it does not start with the magic number of a Rill checkpoint (0x%08X"
                + " instead of 0x%08X)", magic, MAGIC));
        }
        int version = buffer.getInt();
        if (version != VERSION) {
            throw corrupt("its version is " + version + ", and this version of Rill reads only version " + VERSION
                + " (the file was damaged, or written by another version of Rill)");
        }
        int contentEnd = content.length - CRC_BYTES;
        int stored = ByteBuffer.wrap(content, contentEnd, CRC_BYTES).order(ByteOrder.BIG_ENDIAN).getInt();
        int computed = crc(content, contentEnd);
        if (stored != computed) {
            throw corrupt(String.format("its checksum does not match (stored CRC32C 0x%08X, computed 0x%08X):"
                + " the file is damaged or truncated", stored, computed));
        }
        // The checksum matches: what follows guards against a writer bug, not against damage.
        buffer.limit(contentEnd);
        int count = buffer.getInt();
        if (count < 0) {
            throw corrupt("its entry count is negative (" + count + ")");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        Map<TopicPartitionKey, Long> offsets = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < 4) {
                throw corrupt("entry " + i + " of " + count + " is truncated");
            }
            int length = buffer.getInt();
            if (length < 0 || buffer.remaining() < (long) length + ENTRY_FIXED_BYTES - 4) {
                throw corrupt("entry " + i + " of " + count + " is truncated or has an invalid topic length ("
                    + length + ")");
            }
            String topic;
            try {
                topic = decoder.reset().decode(buffer.slice(buffer.position(), length)).toString();
            } catch (CharacterCodingException e) {
                throw corrupt("the topic name of entry " + i + " is not valid UTF-8");
            }
            buffer.position(buffer.position() + length);
            int partition = buffer.getInt();
            long offset = buffer.getLong();
            if (partition < 0 || offset < 0) {
                throw corrupt("entry " + i + " (topic '" + topic + "') has a negative partition or offset ("
                    + partition + ", " + offset + ")");
            }
            if (offsets.put(new TopicPartitionKey(topic, partition), offset) != null) {
                throw corrupt("topic '" + topic + "' partition " + partition + " appears twice");
            }
        }
        if (buffer.hasRemaining()) {
            throw corrupt(buffer.remaining() + " unexpected bytes follow its " + count + " entries");
        }
        return Collections.unmodifiableMap(offsets);
    }

    private CorruptCheckpointException corrupt(String problem) {
        return new CorruptCheckpointException(file, problem);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    // ---- files -----------------------------------------------------------------------------------------

    /**
     * Forces a directory's entries to disk, so that a rename or deletion in it survives a crash. Windows
     * cannot open a directory as a channel (and makes renames durable by itself): there this does nothing.
     */
    private static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path path, IOException failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
