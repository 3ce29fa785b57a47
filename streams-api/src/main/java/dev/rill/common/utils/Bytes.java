package dev.rill.common.utils;

import dev.rill.annotation.Stable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * An immutable-by-convention wrapper around a byte array with value equality and an unsigned
 * lexicographic order: the order in which stores keep and scan serialized keys. The array is not
 * copied; do not change it after wrapping.
 */
@Stable
public final class Bytes implements Comparable<Bytes> {
    /** Orders byte arrays lexicographically, comparing bytes as unsigned values. */
    public static final Comparator<byte[]> BYTES_LEXICO_COMPARATOR = Arrays::compareUnsigned;

    private final byte[] bytes;
    private int hash;

    /**
     * @param bytes the array to wrap, not {@code null}
     * @throws NullPointerException if {@code bytes} is {@code null}
     */
    public Bytes(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes must not be null");
    }

    /**
     * @param bytes the array to wrap, or {@code null}
     * @return the wrapper, or {@code null} for {@code null}
     */
    public static Bytes wrap(byte[] bytes) {
        return bytes == null ? null : new Bytes(bytes);
    }

    /** @return the wrapped array (not a copy) */
    public byte[] get() {
        return bytes;
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}: the exclusive upper bound
     * of a prefix scan.
     *
     * @param prefix the prefix
     * @return the bound, or {@code null} if there is none (the prefix is empty or all 0xFF bytes)
     */
    public static Bytes increment(Bytes prefix) {
        byte[] copy = Arrays.copyOf(prefix.bytes, prefix.bytes.length);
        for (int i = copy.length - 1; i >= 0; i--) {
            if (copy[i] != (byte) 0xFF) {
                copy[i]++;
                return new Bytes(Arrays.copyOf(copy, i + 1));
            }
        }
        return null;
    }

    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02X", c));
            }
        }
        return sb.toString();
    }
}
