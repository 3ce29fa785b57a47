package dev.rill.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * A small file whose content is followed by its CRC32C, replaced by writing a temporary file and
 * renaming it. A reader gets the old content, the new content, or (for a file damaged on disk) nothing,
 * never a torn mix. With {@code durable}, the temporary file and the directory are fsynced too, so the
 * new content survives a crash once {@link #write} returns.
 */
final class ChecksummedFile {
    private static final boolean WINDOWS =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private ChecksummedFile() {
    }

    static void write(Path file, ByteBuffer content, boolean durable) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        replace(file, content, ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip(), durable);
    }

    /**
     * Replaces {@code file} by {@code content} then {@code trailer} through a temporary file and an atomic
     * rename; with {@code durable}, the temporary file is fsynced before and the directory after the rename.
     */
    static void replace(Path file, ByteBuffer content, ByteBuffer trailer, boolean durable) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer c = content.duplicate();
            while (c.hasRemaining()) {
                ch.write(c);
            }
            while (trailer.hasRemaining()) {
                ch.write(trailer);
            }
            if (durable) {
                ch.force(true);
            }
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (durable) {
            syncDirectory(file.getParent());
        }
    }

    /** @return the content without its CRC, or {@code null} if the file is missing, too short or damaged */
    static ByteBuffer read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 4) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            return null;
        }
        return ByteBuffer.wrap(bytes, 0, bytes.length - 4).slice();
    }

    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
