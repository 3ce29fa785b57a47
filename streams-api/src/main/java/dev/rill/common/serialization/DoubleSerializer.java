package dev.rill.common.serialization;

import dev.rill.annotation.Stable;

/**
 * Serializes a {@link Double} as its IEEE-754 bit pattern, {@link Double#doubleToLongBits(double)},
 * in 8 bytes, most significant byte first: the same bytes as Kafka's {@code DoubleSerializer}. Every
 * NaN is written as the canonical NaN {@code 7f f8 00 00 00 00 00 00}; {@code -0.0} and {@code 0.0}
 * stay distinct. A {@code null} value serializes to {@code null}.
 */
@Stable
public final class DoubleSerializer implements Serializer<Double> {

    /** Creates the serializer; it has no settings. */
    public DoubleSerializer() {
    }

    /**
     * Writes the value as 8 big-endian bytes.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the value, may be {@code null}
     * @return 8 bytes, or {@code null} for a {@code null} value
     */
    @Override
    public byte[] serialize(String topic, Double data) {
        if (data == null) {
            return null;
        }
        // doubleToLongBits (not the raw variant) folds every NaN into the one canonical NaN, as Kafka
        // does, so that equal values always give equal bytes.
        long v = Double.doubleToLongBits(data);
        return new byte[] {
            (byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
            (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v
        };
    }
}
