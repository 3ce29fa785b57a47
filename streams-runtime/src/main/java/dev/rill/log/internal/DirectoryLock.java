package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.log.LogLockedException;
import dev.rill.log.LogStorageException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on a log directory: the file {@value #FILE_NAME}, locked with
 * {@link FileChannel#tryLock()} and holding the pid and host of its holder, so that a second process, or a
 * second open in the same process, fails with an error naming the holder.
 *
 * <p>Operating-system file locks belong to the whole process, and closing <em>any</em> channel on a locked
 * file releases them. A second open in the same JVM must therefore never open the lock file itself; it is
 * recognised through the set of directories this JVM holds, which mirrors the process's locks and is the
 * only process-wide state of the log.
 */
@Internal
public final class DirectoryLock implements AutoCloseable {
    /** The lock file's name in the log directory. */
    public static final String FILE_NAME = ".lock";
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, creating it if needed.
     *
     * @param directory the log directory
     * @return the held lock
     * @throws LogLockedException if the directory is locked by this or another process; names the holder
     * @throws LogStorageException if the lock file cannot be created or written
     */
    public static DirectoryLock acquire(Path directory) {
        Path dir;
        try {
            Files.createDirectories(directory);
            dir = directory.toRealPath();
        } catch (IOException e) {
            throw new LogStorageException("cannot create log directory " + directory + ": " + e, e);
        }
        if (!HELD_BY_THIS_PROCESS.add(dir)) {
            throw new LogLockedException("log directory " + dir + " is already open in this process (" + holder()
                + "); close the other EmbeddedLog first or use another directory");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String other = readHolder(channel);
                throw new LogLockedException("log directory " + dir + " is locked by another process (" + other
                    + ", see " + dir.resolve(FILE_NAME) + "); stop it or use another directory");
            }
            channel.truncate(0);
            ByteBuffer content = ByteBuffer.wrap((holder() + "\n").getBytes(StandardCharsets.UTF_8));
            while (content.hasRemaining()) {
                channel.write(content, content.position());
            }
            channel.force(true);
            return new DirectoryLock(dir, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD_BY_THIS_PROCESS.remove(dir);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new LogStorageException("cannot lock log directory " + dir + ": " + e, e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        int n;
        do {
            n = channel.read(b, b.position());
        } while (n > 0 && b.hasRemaining());
        String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? "holder unknown" : text;
    }

    private static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return "pid " + ProcessHandle.current().pid() + " on host " + host;
    }

    /** @return the locked directory */
    public Path directory() {
        return dir;
    }

    /** Releases the lock. The file stays; its content names the last holder. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LogStorageException("cannot release the lock of log directory " + dir + ": " + e, e);
        } finally {
            HELD_BY_THIS_PROCESS.remove(dir);
        }
    }
}
