package dev.rill.log.internal;

import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeader;
import dev.rill.common.record.TimestampType;
import dev.rill.log.CompressionType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Encodes and decodes stored batches. Layout, integers big-endian:
 * <pre>
 *  0 baseOffset      int64   set by the log at append; not covered by the CRC
 *  8 length          int32   bytes after this field
 * 12 magic           int8    {@value #MAGIC}
 * 13 crc             int32   CRC32C of every byte from attributes to the end
 * 17 attributes      int16   bits 0-2 compression, bit 3 LogAppendTime, bit 4 transactional, bit 5 control
 * 19 lastOffsetDelta int32
 * 23 baseTimestamp   int64
 * 31 maxTimestamp    int64
 * 39 producerId      int64
 * 47 producerEpoch   int16
 * 49 baseSequence    int32
 * 53 recordCount     int32
 * 57 records         (gzip-compressed as a whole when compression is gzip), each:
 *      length varint, attributes int8, timestampDelta varlong, offsetDelta varint,
 *      keyLength varint (-1 = null), key, valueLength varint (-1 = null), value,
 *      headerCount varint, per header: keyLength varint, key UTF-8, valueLength varint (-1 = null), value
 * </pre>
 * Varints are zig-zag encoded, seven bits per byte, low bits first. Because the base offset is outside
 * the CRC, the log can assign offsets to an encoded batch without recomputing it.
 */
final class BatchCodec {
    static final int HEADER_SIZE = 57;
    static final int LENGTH_OFFSET = 8;
    static final int LOG_OVERHEAD = 12;
    static final byte MAGIC = 1;
    static final int COMPRESSION_MASK = 0x07;
    static final int LOG_APPEND_TIME_FLAG = 0x08;
    static final int TRANSACTIONAL_FLAG = 0x10;
    static final int CONTROL_FLAG = 0x20;
    private static final int CRC_OFFSET = 13;
    private static final int ATTRIBUTES_OFFSET = 17;
    private static final short CONTROL_KEY_VERSION = 0;

    private BatchCodec() {
    }

    /**
     * Encodes a batch. Record offsets are stored relative to {@code baseOffset}.
     */
    static ByteBuffer encode(long baseOffset, int lastOffsetDelta, CompressionType compression, TimestampType timestampType,
                             boolean transactional, boolean control, long producerId, short producerEpoch,
                             int baseSequence, List<LogRecord> records) {
        return encode(baseOffset, lastOffsetDelta, compression, timestampType, transactional, control, producerId,
            producerEpoch, baseSequence, records, false, -1, null);
    }

    /**
     * Encodes records for an append: the i-th record gets offset delta i (the log sets the base offset
     * later), and with {@code appendTime >= 0} every record gets that timestamp. The records are not copied.
     * An uncompressed batch that fits in {@code scratch} (may be {@code null}) is encoded into it, so a
     * caller that reuses a direct buffer saves an allocation and the copy a heap buffer costs on write.
     */
    static ByteBuffer encodeForAppend(CompressionType compression, TimestampType timestampType, boolean transactional,
                                      long producerId, short producerEpoch, int baseSequence, List<LogRecord> records,
                                      long appendTime, ByteBuffer scratch) {
        return encode(0, records.size() - 1, compression, timestampType, transactional, false, producerId, producerEpoch,
            baseSequence, records, true, appendTime, scratch);
    }

    private static ByteBuffer encode(long baseOffset, int lastOffsetDelta, CompressionType compression,
                                     TimestampType timestampType, boolean transactional, boolean control, long producerId,
                                     short producerEpoch, int baseSequence, List<LogRecord> records,
                                     boolean sequentialOffsets, long appendTime, ByteBuffer scratch) {
        long baseTimestamp = records.isEmpty() ? -1 : appendTime >= 0 ? appendTime : records.get(0).timestamp();
        long maxTimestamp = -1;
        int[] sizes = new int[records.size()];
        int bodySize = 0;
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            long timestamp = appendTime >= 0 ? appendTime : r.timestamp();
            maxTimestamp = Math.max(maxTimestamp, timestamp);
            long offsetDelta = sequentialOffsets ? i : r.offset() - baseOffset;
            sizes[i] = recordSize(r, timestamp - baseTimestamp, (int) offsetDelta);
            bodySize += varintSize(sizes[i]) + sizes[i];
        }
        boolean gzip = compression == CompressionType.GZIP;
        // Uncompressed records are written straight into the batch; compressed ones go through one buffer.
        int unzippedSize = HEADER_SIZE + bodySize;
        ByteBuffer buffer = !gzip && scratch != null && scratch.capacity() >= unzippedSize
            ? scratch.clear().limit(unzippedSize).slice()
            : ByteBuffer.allocate(HEADER_SIZE + (gzip ? 0 : bodySize));
        ByteBuffer body = gzip ? ByteBuffer.allocate(bodySize) : buffer.position(HEADER_SIZE);
        for (int i = 0; i < records.size(); i++) {
            LogRecord r = records.get(i);
            long timestamp = appendTime >= 0 ? appendTime : r.timestamp();
            writeRecord(body, r, sizes[i], timestamp - baseTimestamp, (int) (sequentialOffsets ? i : r.offset() - baseOffset));
        }
        if (gzip) {
            byte[] compressed = gzip(body.array(), bodySize);
            buffer = ByteBuffer.allocate(HEADER_SIZE + compressed.length);
            buffer.position(HEADER_SIZE);
            buffer.put(compressed);
        }
        int attributes = compression.id()
            | (timestampType == TimestampType.LOG_APPEND_TIME ? LOG_APPEND_TIME_FLAG : 0)
            | (transactional ? TRANSACTIONAL_FLAG : 0)
            | (control ? CONTROL_FLAG : 0);
        buffer.position(0);
        buffer.putLong(baseOffset)
            .putInt(buffer.capacity() - LOG_OVERHEAD)
            .put(MAGIC)
            .putInt(0)
            .putShort((short) attributes)
            .putInt(lastOffsetDelta)
            .putLong(baseTimestamp)
            .putLong(maxTimestamp)
            .putLong(producerId)
            .putShort(producerEpoch)
            .putInt(baseSequence)
            .putInt(records.size());
        buffer.position(0);
        buffer.putInt(CRC_OFFSET, (int) crcOf(buffer));
        return buffer;
    }

    /** Encodes a transaction marker at one offset. */
    static ByteBuffer encodeControl(long offset, ControlType type, long producerId, short producerEpoch, long timestamp) {
        byte[] key = ByteBuffer.allocate(4).putShort(CONTROL_KEY_VERSION).putShort(type.id()).array();
        LogRecord marker = new LogRecord(offset, timestamp, key, null, null);
        return encode(offset, 0, CompressionType.NONE, TimestampType.CREATE_TIME, true, true, producerId, producerEpoch,
            -1, List.of(marker));
    }

    static void setBaseOffset(ByteBuffer batch, long baseOffset) {
        batch.putLong(batch.position(), baseOffset);
    }

    /** Reads the header at the buffer's position without moving it; the buffer holds at least {@link #HEADER_SIZE} bytes. */
    static BatchHeader readHeader(ByteBuffer b) {
        int p = b.position();
        return new BatchHeader(b.getLong(p), b.getInt(p + LENGTH_OFFSET) + LOG_OVERHEAD, b.getShort(p + ATTRIBUTES_OFFSET),
            b.getInt(p + 19), b.getLong(p + 23), b.getLong(p + 31), b.getLong(p + 39), b.getShort(p + 47),
            b.getInt(p + 49), b.getInt(p + 53));
    }

    /**
     * Checks the structure of a header: magic, a length that can hold a header, known compression.
     *
     * @return {@code null} if plausible, else what is wrong
     */
    static String headerProblem(ByteBuffer b) {
        int p = b.position();
        int length = b.getInt(p + LENGTH_OFFSET);
        if (length < HEADER_SIZE - LOG_OVERHEAD) {
            return "batch length " + length + " is smaller than a batch header";
        }
        if (b.get(p + 12) != MAGIC) {
            return "unknown batch format (magic " + b.get(p + 12) + ")";
        }
        int attributes = b.getShort(p + ATTRIBUTES_OFFSET);
        if ((attributes & COMPRESSION_MASK) > CompressionType.GZIP.id() || b.getInt(p + 19) < 0 || b.getInt(p + 53) < 0) {
            return "invalid batch header (attributes " + attributes + ")";
        }
        return null;
    }

    /** @return whether the stored CRC matches; the buffer holds exactly one batch from its position */
    static boolean crcMatches(ByteBuffer batch) {
        return (batch.getInt(batch.position() + CRC_OFFSET) & 0xFFFFFFFFL) == crcOf(batch);
    }

    private static long crcOf(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = batch.duplicate();
        covered.position(batch.position() + ATTRIBUTES_OFFSET);
        covered.limit(batch.position() + batch.getInt(batch.position() + LENGTH_OFFSET) + LOG_OVERHEAD);
        crc.update(covered);
        return crc.getValue();
    }

    /**
     * Decodes one batch whose bytes span the buffer from its position to its limit, checking the CRC.
     *
     * @param where file and position, for the error message
     * @throws CorruptBatchException if the CRC or the structure is wrong
     */
    static RecordBatch decode(ByteBuffer batch, String where) throws CorruptBatchException {
        if (batch.remaining() < HEADER_SIZE) {
            throw new CorruptBatchException(where + ": batch of " + batch.remaining() + " bytes is shorter than a header");
        }
        String problem = headerProblem(batch);
        if (problem != null) {
            throw new CorruptBatchException(where + ": " + problem);
        }
        BatchHeader h = readHeader(batch);
        if (h.sizeInBytes() != batch.remaining()) {
            throw new CorruptBatchException(where + ": batch length " + h.sizeInBytes() + " does not match " + batch.remaining());
        }
        if (!crcMatches(batch)) {
            throw new CorruptBatchException(where + ": CRC32C mismatch (stored " + Integer.toHexString(
                batch.getInt(batch.position() + CRC_OFFSET)) + ", computed " + Long.toHexString(crcOf(batch)) + ")");
        }
        try {
            ByteBuffer body = batch.duplicate().order(ByteOrder.BIG_ENDIAN);
            body.position(batch.position() + HEADER_SIZE);
            if (h.compression() == CompressionType.GZIP) {
                body = ByteBuffer.wrap(gunzip(body));
            }
            boolean logAppend = h.timestampType() == TimestampType.LOG_APPEND_TIME;
            List<LogRecord> records = new ArrayList<>(h.recordCount());
            for (int i = 0; i < h.recordCount(); i++) {
                LogRecord r = readRecord(body, h.baseOffset(), h.baseTimestamp());
                if (logAppend) {
                    r = new LogRecord(r.offset(), h.maxTimestamp(), r.key(), r.value(), r.headers());
                }
                records.add(r);
            }
            if (body.hasRemaining()) {
                throw new CorruptBatchException(where + ": " + body.remaining() + " bytes after the last record");
            }
            return new RecordBatch(h.baseOffset(), h.lastOffsetDelta(), h.compression(), h.timestampType(),
                h.transactional(), h.control(), h.producerId(), h.producerEpoch(), h.baseSequence(), h.maxTimestamp(),
                batch.getInt(batch.position() + CRC_OFFSET) & 0xFFFFFFFFL, h.sizeInBytes(),
                java.util.Collections.unmodifiableList(records));
        } catch (RuntimeException | IOException e) {
            throw new CorruptBatchException(where + ": records cannot be decoded: " + e, e);
        }
    }

    private static int recordSize(LogRecord r, long timestampDelta, int offsetDelta) {
        int size = 1 + varlongSize(timestampDelta) + varintSize(offsetDelta) + fieldSize(r.key()) + fieldSize(r.value())
            + varintSize(r.headers().length);
        for (Header h : r.headers()) {
            size += fieldSize(h.key().getBytes(StandardCharsets.UTF_8)) + fieldSize(h.value());
        }
        return size;
    }

    private static void writeRecord(ByteBuffer out, LogRecord r, int size, long timestampDelta, int offsetDelta) {
        putVarlong(out, size);
        out.put((byte) 0);
        putVarlong(out, timestampDelta);
        putVarlong(out, offsetDelta);
        putField(out, r.key());
        putField(out, r.value());
        putVarlong(out, r.headers().length);
        for (Header h : r.headers()) {
            putField(out, h.key().getBytes(StandardCharsets.UTF_8));
            putField(out, h.value());
        }
    }

    private static int fieldSize(byte[] b) {
        return b == null ? varintSize(-1) : varintSize(b.length) + b.length;
    }

    private static void putField(ByteBuffer out, byte[] b) {
        if (b == null) {
            putVarlong(out, -1);
        } else {
            putVarlong(out, b.length);
            out.put(b);
        }
    }

    private static int varintSize(int v) {
        return varlongSize(v);
    }

    private static int varlongSize(long v) {
        long zz = (v << 1) ^ (v >> 63);
        int size = 1;
        while ((zz & ~0x7FL) != 0) {
            size++;
            zz >>>= 7;
        }
        return size;
    }

    private static void putVarlong(ByteBuffer out, long v) {
        long zz = (v << 1) ^ (v >> 63);
        while ((zz & ~0x7FL) != 0) {
            out.put((byte) ((zz & 0x7F) | 0x80));
            zz >>>= 7;
        }
        out.put((byte) zz);
    }

    private static LogRecord readRecord(ByteBuffer in, long baseOffset, long baseTimestamp) {
        int length = varint(in);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("record length " + length + " exceeds the " + in.remaining() + " bytes left");
        }
        int end = in.position() + length;
        in.get();
        long timestamp = baseTimestamp + varlong(in);
        long offset = baseOffset + varint(in);
        byte[] key = bytes(in);
        byte[] value = bytes(in);
        int headerCount = varint(in);
        if (headerCount < 0 || headerCount > length) {
            throw new IllegalStateException("header count " + headerCount + " is impossible");
        }
        Header[] headers = new Header[headerCount];
        for (int i = 0; i < headerCount; i++) {
            byte[] hk = bytes(in);
            if (hk == null) {
                throw new IllegalStateException("header key is null");
            }
            headers[i] = new RecordHeader(new String(hk, StandardCharsets.UTF_8), bytes(in));
        }
        if (in.position() != end) {
            throw new IllegalStateException("record length " + length + " does not match its fields");
        }
        return new LogRecord(offset, timestamp, key, value, headers);
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = varint(in);
        if (n < 0) {
            return null;
        }
        if (n > in.remaining()) {
            throw new IllegalStateException("field length " + n + " exceeds the " + in.remaining() + " bytes left");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    static int varint(ByteBuffer in) {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.get();
            raw |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalStateException("varint longer than 5 bytes");
    }

    static long varlong(ByteBuffer in) {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = in.get();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IllegalStateException("varlong longer than 10 bytes");
    }

    private static byte[] gzip(byte[] data, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(ByteBuffer body) throws IOException {
        byte[] compressed = new byte[body.remaining()];
        body.get(compressed);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            return in.readAllBytes();
        }
    }
}
