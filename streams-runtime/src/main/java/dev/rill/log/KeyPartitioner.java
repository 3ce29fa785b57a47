package dev.rill.log;

/**
 * Picks a partition for a record: the partition given, else a hash of the key bytes, else a sticky
 * partition for keyless records that moves on round-robin whenever a batch is sealed. The key hash is
 * MurmurHash2 (32 bit, seed {@code 0x9747b28c}) with the sign bit cleared, modulo the partition count, so
 * a key lands on the same partition number as with Kafka's default partitioner.
 */
final class KeyPartitioner {
    private static final int SEED = 0x9747b28c;
    private static final int MIX = 0x5bd1e995;
    private static final int SHIFT = 24;

    private KeyPartitioner() {
    }

    /** @return the partition of {@code key} among {@code partitions} */
    static int partitionForKey(byte[] key, int partitions) {
        return (murmur2(key) & 0x7fffffff) % partitions;
    }

    /** MurmurHash2 over the whole array, little-endian 4-byte blocks, then the 1-3 trailing bytes. */
    static int murmur2(byte[] data) {
        int length = data.length;
        int h = SEED ^ length;
        int blocks = length >>> 2;
        for (int i = 0; i < blocks; i++) {
            int at = i << 2;
            int k = (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
            k *= MIX;
            k ^= k >>> SHIFT;
            k *= MIX;
            h = h * MIX ^ k;
        }
        int tail = blocks << 2;
        switch (length & 3) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
                // fall through: the remaining tail bytes mix in the same way
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= MIX;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= MIX;
        h ^= h >>> 15;
        return h;
    }
}
