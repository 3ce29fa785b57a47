package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.utils.Utils;

class KeyPartitionerProperties {
    @Property(tries = 300)
    void aKeyMapsToTheSamePartitionAsInKafka(@ForAll @Size(max = 64) byte[] key, @ForAll @IntRange(min = 1, max = 500) int partitions) {
        assertThat(KeyPartitioner.murmur2(key)).isEqualTo(Utils.murmur2(key));
        assertThat(KeyPartitioner.partitionForKey(key, partitions)).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % partitions);
    }
}
