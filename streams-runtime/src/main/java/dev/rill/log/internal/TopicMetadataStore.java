package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.log.LogStorageException;
import dev.rill.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each topic's settings in {@code <log dir>/topics/<topic>.properties}: one {@code name=value} line
 * per setting (Kafka's names) and a last line {@code checksum=<CRC32C of the lines before>}. A file is
 * replaced atomically and durably (temporary file, fsync, rename, directory fsync), so after a crash a
 * topic either exists with all its settings or not at all.
 */
@Internal
public final class TopicMetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(TopicMetadataStore.class);
    private static final String SUFFIX = ".properties";
    private static final String CHECKSUM = "checksum=";
    private final Path dir;

    /** @param logDir the log directory */
    public TopicMetadataStore(Path logDir) {
        this.dir = logDir.resolve("topics");
    }

    /**
     * Writes a topic's settings durably.
     *
     * @param topic the topic name
     * @param config its settings
     * @throws LogStorageException if the file cannot be written
     */
    public void write(String topic, TopicConfig config) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : config.toMap().entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] trailer = (CHECKSUM + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(dir);
            ChecksummedFile.replace(dir.resolve(topic + SUFFIX), ByteBuffer.wrap(body), ByteBuffer.wrap(trailer), true);
            ChecksummedFile.syncDirectory(dir.getParent());
        } catch (IOException e) {
            throw new LogStorageException("cannot write the settings of topic " + topic + " to " + dir + ": " + e, e);
        }
    }

    /**
     * @return every topic's settings, by name
     * @throws LogStorageException if a file cannot be read, or is damaged (the message names it)
     */
    public Map<String, TopicConfig> readAll() {
        Map<String, TopicConfig> topics = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return topics;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                topics.put(name.substring(0, name.length() - SUFFIX.length()), read(f));
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot read topic settings in " + dir + ": " + e, e);
        }
        return topics;
    }

    private static TopicConfig read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int last = text.lastIndexOf(CHECKSUM);
        if (last < 0 || (last > 0 && text.charAt(last - 1) != '\n')) {
            throw damaged(file, "no checksum line");
        }
        byte[] body = text.substring(0, last).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        if (!text.substring(last + CHECKSUM.length()).trim().equals(Long.toHexString(crc.getValue()))) {
            throw damaged(file, "checksum mismatch");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : text.substring(0, last).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw damaged(file, "line without '=': " + line);
            }
            settings.put(line.substring(0, eq), line.substring(eq + 1));
        }
        LOG.debug("Read settings of topic from {}", file);
        return TopicConfig.fromMap(settings);
    }

    private static LogStorageException damaged(Path file, String problem) {
        return new LogStorageException("topic settings file " + file + " is damaged (" + problem + "); restore it or "
            + "delete it together with the topic's partition directories");
    }
}
