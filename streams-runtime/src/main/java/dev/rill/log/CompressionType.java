package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * How the records of one batch are compressed in the log. The whole records section of a batch is
 * compressed as one unit; the batch header (offsets, timestamps, producer fields, CRC) never is.
 */
@Evolving
public enum CompressionType {
    /** Records are stored as they are. */
    NONE(0, "none"),
    /** Records are compressed with gzip ({@link java.util.zip.GZIPOutputStream}). */
    GZIP(1, "gzip");

    private final int id;
    private final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** @return the number stored in the low bits of a batch's attributes */
    public int id() {
        return id;
    }

    /** @return the name used in configuration, e.g. {@code gzip} */
    public String configName() {
        return configName;
    }

    /**
     * @param id a number stored in a batch's attributes
     * @return the compression type with this id
     * @throws IllegalArgumentException if no compression type has this id
     */
    public static CompressionType forId(int id) {
        for (CompressionType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown compression type id " + id + "; known: 0 (none), 1 (gzip)");
    }
}
