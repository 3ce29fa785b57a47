package dev.rill.benchmarks;

import java.util.LinkedHashSet;
import java.util.Random;

/**
 * The inputs of the benchmark workloads, generated from fixed seeds so that every run and both engines
 * see the same records:
 * <ul>
 *   <li>{@link #keyed(int) Keyed}: String keys {@code key-000000} to {@code key-009999} drawn uniformly,
 *       100-character values drawn from a pool of 4,096, timestamps {@code T0 + i} ms with 10% of records
 *       moved back by 0 to 999 ms;</li>
 *   <li>{@link #lines(int) Lines}: null keys, values of 10 words drawn uniformly from a vocabulary of
 *       10,000 distinct lowercase words of 3 to 10 letters, timestamps {@code T0 + i} ms.</li>
 * </ul>
 */
public final class BenchmarkInput {
    /** Start of the timestamps, in epoch milliseconds. */
    public static final long T0 = 1_700_000_000_000L;

    /** Keys of the records; elements are null for the Lines input. */
    public final String[] keys;
    /** Values of the records. */
    public final String[] values;
    /** Timestamps of the records, in epoch milliseconds. */
    public final long[] timestamps;

    private BenchmarkInput(String[] keys, String[] values, long[] timestamps) {
        this.keys = keys;
        this.values = values;
        this.timestamps = timestamps;
    }

    /**
     * @param count how many records
     * @return the Keyed input
     */
    public static BenchmarkInput keyed(int count) {
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
        return new BenchmarkInput(keys, values, timestamps);
    }

    /**
     * @param count how many lines
     * @return the Lines input
     */
    public static BenchmarkInput lines(int count) {
        Random random = new Random(20_231_115L);
        LinkedHashSet<String> vocabulary = new LinkedHashSet<>();
        while (vocabulary.size() < 10_000) {
            char[] word = new char[3 + random.nextInt(8)];
            for (int c = 0; c < word.length; c++) {
                word[c] = (char) ('a' + random.nextInt(26));
            }
            vocabulary.add(new String(word));
        }
        String[] words = vocabulary.toArray(new String[0]);
        String[] values = new String[count];
        long[] timestamps = new long[count];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < count; i++) {
            line.setLength(0);
            for (int w = 0; w < 10; w++) {
                if (w > 0) {
                    line.append(' ');
                }
                line.append(words[random.nextInt(words.length)]);
            }
            values[i] = line.toString();
            timestamps[i] = T0 + i;
        }
        return new BenchmarkInput(new String[count], values, timestamps);
    }

    /** @return the number of records */
    public int size() {
        return values.length;
    }
}
