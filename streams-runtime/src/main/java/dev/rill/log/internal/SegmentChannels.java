package dev.rill.log.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the read-write channel of a segment file; a seam through which tests inject failing disks. */
@FunctionalInterface
interface SegmentChannels {
    /** Plain file channels. */
    SegmentChannels FILES = (file, create) -> create
        ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)
        : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);

    /**
     * @param file the segment file
     * @param create whether to create it, emptying any leftover of the same name
     */
    FileChannel open(Path file, boolean create) throws IOException;
}
