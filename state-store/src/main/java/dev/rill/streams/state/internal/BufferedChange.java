package dev.rill.streams.state.internal;

import dev.rill.common.errors.SerializationException;
import dev.rill.common.header.Header;
import dev.rill.common.header.RecordHeaders;
import dev.rill.streams.state.internal.TimeOrderedChangeBuffer.Origin;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One buffered update of a suppression, serialized: the value the key had before it was first
 * buffered ({@code prior}), the old and new value of its latest update, and the latest update's
 * origin. It is written to the buffer's changelog in the layout Kafka Streams' in-memory suppression
 * buffer uses (changelog version 3), so that the topic reads the same in both:
 * origin (timestamp, offset as 8-byte longs; topic as 4-byte length and UTF-8; partition; header count,
 * then per header key length, key, value length or -1, value), then prior, old and new value each as
 * a 4-byte length (-1 for none) and the bytes, where an old value equal to the prior one is written as
 * the length -2 alone; then the 8-byte buffer time. All integers are big-endian.
 *
 * @param prior the serialized value before the key was buffered, or {@code null}
 * @param oldValue the serialized old value of the latest update, or {@code null}
 * @param newValue the serialized new value of the latest update, or {@code null}
 * @param origin where the latest update came from
 */
record BufferedChange(byte[] prior, byte[] oldValue, byte[] newValue, Origin origin) {
    private static final int NULL_VALUE = -1;
    private static final int OLD_SAME_AS_PRIOR = -2;

    /**
     * @return the bytes this entry keeps on the heap, by the same estimate Kafka Streams uses, so that
     *     a byte limit fills at the same point
     */
    long sizeEstimate() {
        // The old value counts only when it is a separate array from the prior value.
        long size = length(prior) + (oldValue == null || oldValue == prior ? 0 : oldValue.length) + length(newValue);
        size += Long.BYTES + Long.BYTES + Integer.BYTES;
        if (origin.topic() != null) {
            size += origin.topic().length();
        }
        for (Header header : origin.headers()) {
            size += header.key().length();
            size += length(header.value());
        }
        return size;
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /**
     * @param bufferTime the entry's buffer time, written last
     * @return the changelog value
     */
    byte[] serialize(long bufferTime) {
        byte[] topic = origin.topic() == null ? null : origin.topic().getBytes(StandardCharsets.UTF_8);
        List<byte[]> headerKeys = new ArrayList<>();
        List<byte[]> headerValues = new ArrayList<>();
        int size = 8 + 8 + 4 + length(topic) + 4 + 4;
        for (Header header : origin.headers()) {
            byte[] key = header.key().getBytes(StandardCharsets.UTF_8);
            headerKeys.add(key);
            headerValues.add(header.value());
            size += 8 + key.length + length(header.value());
        }
        boolean oldIsPrior = oldValue != null && Arrays.equals(prior, oldValue);
        // Room for the old value is sized by identity but written by equality: an old value equal to,
        // yet not the same array as, the prior one leaves that many zero bytes at the end. Kafka
        // Streams' buffer writes the same, and readers stop after the buffer time.
        size += 4 + length(prior) + 4 + (oldValue == null || oldValue == prior ? 0 : oldValue.length) + 4 + length(newValue) + 8;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(origin.timestamp());
        out.putLong(origin.offset());
        putBytes(out, topic);
        out.putInt(origin.partition());
        out.putInt(headerKeys.size());
        for (int i = 0; i < headerKeys.size(); i++) {
            putBytes(out, headerKeys.get(i));
            putBytes(out, headerValues.get(i));
        }
        putBytes(out, prior);
        if (oldIsPrior) {
            out.putInt(OLD_SAME_AS_PRIOR);
        } else {
            putBytes(out, oldValue);
        }
        putBytes(out, newValue);
        out.putLong(bufferTime);
        return out.array();
    }

    private static void putBytes(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(NULL_VALUE);
        } else {
            out.putInt(bytes.length);
            out.put(bytes);
        }
    }

    /**
     * The inverse of {@link #serialize}.
     *
     * @param data a changelog value
     * @param store the store, for the error message
     * @return the entry and its buffer time
     * @throws SerializationException if the bytes are not a buffered change
     */
    static Restored deserialize(byte[] data, String store) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            long timestamp = in.getLong();
            long offset = in.getLong();
            byte[] topic = getBytes(in);
            int partition = in.getInt();
            int headerCount = in.getInt();
            if (headerCount < 0) {
                throw new SerializationException("negative header count " + headerCount);
            }
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < headerCount; i++) {
                byte[] key = getBytes(in);
                if (key == null) {
                    throw new SerializationException("a header without a key");
                }
                headers.add(new String(key, StandardCharsets.UTF_8), getBytes(in));
            }
            byte[] prior = getBytes(in);
            byte[] oldValue;
            int oldLength = in.getInt();
            if (oldLength == OLD_SAME_AS_PRIOR) {
                oldValue = prior;
            } else {
                in.position(in.position() - 4);
                oldValue = getBytes(in);
            }
            byte[] newValue = getBytes(in);
            long bufferTime = in.getLong();
            Origin origin = new Origin(timestamp, offset, topic == null ? null : new String(topic, StandardCharsets.UTF_8), partition, headers);
            return new Restored(new BufferedChange(prior, oldValue, newValue, origin), bufferTime);
        } catch (BufferUnderflowException | IllegalArgumentException | SerializationException e) {
            throw new SerializationException("the changelog of suppression buffer '" + store + "' holds a malformed record of "
                + data.length + " bytes: " + e.getMessage(), e);
        }
    }

    private static byte[] getBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length == NULL_VALUE) {
            return null;
        }
        if (length < 0) {
            throw new SerializationException("negative length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** A change read back from the changelog, with its buffer time. */
    record Restored(BufferedChange change, long bufferTime) {
    }
}
