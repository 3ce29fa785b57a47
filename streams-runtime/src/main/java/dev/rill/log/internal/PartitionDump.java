package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Deserializer;
import dev.rill.log.IsolationLevel;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Renders a range of a partition as text, one line per batch and one per record:
 * <pre>
 * batch base=0 last=1 records=2 size=131 crc=5f0e2a91 compression=gzip timestampType=CreateTime maxTimestamp=1001 producerId=-1 epoch=-1 baseSequence=-1 transactional=false
 *   offset=0 timestamp=1000 (CreateTime) key="user-1" value=0x00ff10 headers=[trace="abc"]
 * batch base=2 last=2 records=1 ... transactional=true control=COMMIT
 * </pre>
 * Keys and values go through the given deserializers (their {@code toString()} is shown) or, without one,
 * as quoted text with escapes when the bytes are printable UTF-8, else as hex; {@code null} stays
 * {@code null}.
 */
@Internal
public final class PartitionDump {
    private PartitionDump() {
    }

    /**
     * @param log the partition
     * @param fromOffset first offset shown (the batch holding it is shown whole in its header line)
     * @param toOffset offset after the last one shown
     * @param keys deserializer of keys, or {@code null} for text / hex
     * @param values deserializer of values, or {@code null} for text / hex
     * @return the text, ending with a newline
     */
    public static String dump(PartitionLog log, long fromOffset, long toOffset, Deserializer<?> keys, Deserializer<?> values) {
        StringBuilder out = new StringBuilder();
        out.append("topic=").append(log.topic()).append(" partition=").append(log.partition())
            .append(" logStartOffset=").append(log.logStartOffset()).append(" logEndOffset=").append(log.logEndOffset())
            .append(" lastStableOffset=").append(log.lastStableOffset()).append('\n');
        long offset = Math.max(fromOffset, log.logStartOffset());
        while (offset < Math.min(toOffset, log.logEndOffset())) {
            FetchResult r = log.read(offset, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            if (r.batches().isEmpty()) {
                break;
            }
            for (RecordBatch b : r.batches()) {
                if (b.baseOffset() >= toOffset) {
                    return out.toString();
                }
                batchLine(out, b);
                for (LogRecord rec : b.records()) {
                    if (rec.offset() >= fromOffset && rec.offset() < toOffset && !b.control()) {
                        recordLine(out, log.topic(), b, rec, keys, values);
                    }
                }
                offset = b.nextOffset();
            }
        }
        return out.toString();
    }

    private static void batchLine(StringBuilder out, RecordBatch b) {
        out.append("batch base=").append(b.baseOffset()).append(" last=").append(b.lastOffset())
            .append(" records=").append(b.records().size()).append(" size=").append(b.sizeInBytes())
            .append(" crc=").append(String.format("%08x", b.crc()))
            .append(" compression=").append(b.compression().configName())
            .append(" timestampType=").append(typeName(b))
            .append(" maxTimestamp=").append(b.maxTimestamp())
            .append(" producerId=").append(b.producerId()).append(" epoch=").append(b.producerEpoch())
            .append(" baseSequence=").append(b.baseSequence())
            .append(" transactional=").append(b.transactional());
        if (b.control()) {
            ControlType type = b.controlType();
            out.append(" control=").append(type == null ? "UNKNOWN" : type.name());
        }
        out.append('\n');
    }

    private static String typeName(RecordBatch b) {
        return switch (b.timestampType()) {
            case LOG_APPEND_TIME -> "LogAppendTime";
            case CREATE_TIME -> "CreateTime";
            case NO_TIMESTAMP_TYPE -> "NoTimestamp";
        };
    }

    private static void recordLine(StringBuilder out, String topic, RecordBatch b, LogRecord r,
                                   Deserializer<?> keys, Deserializer<?> values) {
        RecordHeaders headers = new RecordHeaders(r.headers());
        out.append("  offset=").append(r.offset()).append(" timestamp=").append(r.timestamp())
            .append(" (").append(typeName(b)).append(')')
            .append(" key=").append(render(topic, headers, r.key(), keys))
            .append(" value=").append(render(topic, headers, r.value(), values))
            .append(" headers=[");
        boolean first = true;
        for (Header h : r.headers()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(escape(h.key())).append('=').append(bytes(h.value()));
        }
        out.append("]\n");
    }

    private static String render(String topic, RecordHeaders headers, byte[] data, Deserializer<?> deserializer) {
        if (data == null) {
            return "null";
        }
        if (deserializer == null) {
            return bytes(data);
        }
        try {
            return String.valueOf(deserializer.deserialize(topic, headers, data));
        } catch (RuntimeException e) {
            return bytes(data) + " (not deserializable: " + e.getMessage() + ")";
        }
    }

    /** @return quoted escaped text if the bytes are printable UTF-8, else {@code 0x} and hex */
    static String bytes(byte[] data) {
        if (data == null) {
            return "null";
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data));
            String text = chars.toString();
            boolean printable = text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7F || c == '\n' || c == '\t' || c == '\r');
            if (printable) {
                return '"' + escape(text) + '"';
            }
        } catch (CharacterCodingException e) {
            // Not text: shown as hex below.
        }
        StringBuilder hex = new StringBuilder(2 + data.length * 2).append("0x");
        for (byte x : data) {
            hex.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return hex.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}
