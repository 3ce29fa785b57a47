package dev.rill.benchmarks;

import java.util.Random;

/**
 * The "Keyed" input of the benchmark workloads: String keys {@code key-000000} to {@code key-009999}
 * drawn uniformly, 100-character values drawn from a pool of 4,096, timestamps {@code T0 + i} ms with
 * 10% of records moved back by 0 to 999 ms. Fixed seeds, so every run and both engines see the same
 * records.
 */
public final class KeyedInput {
    /** Start of the timestamps, in epoch milliseconds. */
    public static final long T0 = 1_700_000_000_000L;

    /** Keys of the records. */
    public final String[] keys;
    /** Values of the records. */
    public final String[] values;
    /** Timestamps of the records, in epoch milliseconds. */
    public final long[] timestamps;

    private KeyedInput(String[] keys, String[] values, long[] timestamps) {
        this.keys = keys;
        this.values = values;
        this.timestamps = timestamps;
    }

    /**
     * @param count how many records
     * @return the input
     */
    public static KeyedInput generate(int count) {
        Random random = new Random(20_231_114L);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        String[] pool = new String[4096];
        char[] chars = new char[100];
        for (int i = 0; i < pool.length; i++) {
            for (int c = 0; c < chars.length; c++) {
                chars[c] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            pool[i] = new String(chars);
        }
        String[] keys = new String[count];
        String[] values = new String[count];
        long[] timestamps = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = String.format("key-%06d", random.nextInt(10_000));
            values[i] = pool[random.nextInt(pool.length)];
            long ts = T0 + i;
            if (random.nextInt(10) == 0) {
                ts -= random.nextInt(1000);
            }
            timestamps[i] = ts;
        }
        return new KeyedInput(keys, values, timestamps);
    }

    /** @return the number of records */
    public int size() {
        return keys.length;
    }
}
