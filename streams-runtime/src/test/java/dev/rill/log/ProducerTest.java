package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.errors.ConfigException;
import dev.rill.common.serialization.Serdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerTest {
    @TempDir
    Path dir;

    static List<ConsumerRecord<String, String>> readAll(EmbeddedLog log, String topic, IsolationLevel isolation) {
        ConsumerConfig config = ConsumerConfig.builder().isolationLevel(isolation)
            .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).build();
        try (Consumer<String, String> c = log.consumer(config, Serdes.String().deserializer(), Serdes.String().deserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int p = 0; p < log.describe(topic).partitions().size(); p++) {
                parts.add(new TopicPartition(topic, p));
            }
            c.assign(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            while (true) {
                ConsumerRecords<String, String> batch = c.poll(Duration.ZERO);
                if (batch.isEmpty()) {
                    return out;
                }
                batch.forEach(out::add);
            }
        }
    }

    private Producer<String, String> producer(EmbeddedLog log, ProducerConfig config) {
        return log.producer(config, Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void keyedRecordsLandOnTheKafkaPartitionInSendOrder() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("orders", TopicConfig.builder().partitions(3).retentionMs(-1).build());
            try (Producer<String, String> p = producer(log, ProducerConfig.defaults())) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    sent.add(p.send(new ProducerRecord<>("orders", "key-" + (i % 17), "v" + i)));
                }
                p.flush();
                RecordMetadata m = sent.get(299).get(0, TimeUnit.SECONDS);
                assertThat(m.topic()).isEqualTo("orders");
                assertThat(m.serializedKeySize()).isEqualTo("key-14".length());
                assertThat(p.partitionsFor("orders")).hasSize(3);
            }
            List<ConsumerRecord<String, String>> read = readAll(log, "orders", IsolationLevel.READ_UNCOMMITTED);
            assertThat(read).hasSize(300);
            Map<String, Integer> lastIndexByKey = new HashMap<>();
            for (ConsumerRecord<String, String> r : read) {
                int kafkaPartition = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % 3;
                assertThat(r.partition()).isEqualTo(kafkaPartition);
                int index = Integer.parseInt(r.value().substring(1));
                assertThat(index).isGreaterThan(lastIndexByKey.getOrDefault(r.key(), -1));
                lastIndexByKey.put(r.key(), index);
            }
        }
    }

    @Test
    void keylessRecordsSpreadOverAllPartitions() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().partitions(4).retentionMs(-1).build());
            try (Producer<String, String> p = producer(log, ProducerConfig.builder().batchSize(200).build())) {
                for (int i = 0; i < 400; i++) {
                    p.send(new ProducerRecord<>("t", "value-" + i));
                }
                p.flush();
            }
            for (PartitionDescription d : log.describe("t").partitions()) {
                assertThat(d.logEndOffset()).as("partition %d", d.partition()).isBetween(60L, 140L);
            }
        }
    }

    @Test
    void lingerHoldsRecordsUntilFlushAndAppendsThemAsOneBatch() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().retentionMs(-1).build());
            try (Producer<String, String> p = producer(log, ProducerConfig.builder().lingerMs(60_000)
                .batchSize(1 << 20).compressionType(CompressionType.GZIP).build())) {
                Future<RecordMetadata> first = null;
                for (int i = 0; i < 10; i++) {
                    Future<RecordMetadata> f = p.send(new ProducerRecord<>("t", 0, "k", "v" + i));
                    first = first == null ? f : first;
                }
                assertThat(log.describe("t").partitions().get(0).logEndOffset()).isZero();
                assertThat(first).isNotDone();
                p.flush();
                assertThat(first).isDone();
            }
            assertThat(log.dump("t", 0, 0, 10)).contains("batch base=0 last=9 records=10").contains("compression=gzip");
        }
    }

    @Test
    void aFullBatchIsAppendedWithoutFlush() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().retentionMs(-1).build());
            try (Producer<String, String> p = producer(log, ProducerConfig.builder().lingerMs(60_000).batchSize(100).build())) {
                Future<RecordMetadata> f = null;
                // 49 bytes each as the producer counts them: every third record fills a batch of 100 bytes.
                for (int i = 0; i < 6; i++) {
                    f = p.send(new ProducerRecord<>("t", "k", "a value of some length " + i));
                }
                assertThat(f.get(10, TimeUnit.SECONDS).offset()).isEqualTo(5);
            }
        }
    }

    @Test
    void tooLargeRecordsFailAloneNamingTopicSizeAndLimit() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("small", TopicConfig.builder().retentionMs(-1).maxMessageBytes(2000).build());
            List<Exception> callbackErrors = new ArrayList<>();
            try (Producer<String, String> p = producer(log, ProducerConfig.builder().maxRequestSize(5000)
                .lingerMs(60_000).batchSize(1 << 20).build())) {
                Future<RecordMetadata> huge = p.send(new ProducerRecord<>("small", "k", "x".repeat(6000)),
                    (m, e) -> callbackErrors.add(e));
                List<Future<RecordMetadata>> ok = new ArrayList<>();
                ok.add(p.send(new ProducerRecord<>("small", "k", "a")));
                Future<RecordMetadata> big = p.send(new ProducerRecord<>("small", "k", "y".repeat(3000)));
                ok.add(p.send(new ProducerRecord<>("small", "k", "b")));
                p.flush();
                assertThatThrownBy(huge::get).hasCauseInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("small").hasMessageContaining("max.request.size=5000");
                assertThat(callbackErrors).singleElement().isInstanceOf(RecordTooLargeException.class);
                assertThatThrownBy(big::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("topic small").hasMessageContaining("max.message.bytes=2000");
                for (Future<RecordMetadata> f : ok) {
                    assertThat(f.get().topic()).isEqualTo("small");
                }
            }
            assertThat(readAll(log, "small", IsolationLevel.READ_UNCOMMITTED)).extracting(ConsumerRecord::value)
                .containsExactly("a", "b");
        }
    }

    @Test
    void concurrentSendersLoseNothingAndKeepTheirOrder() throws Exception {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().partitions(2).retentionMs(-1).build());
            try (Producer<String, String> p = producer(log, ProducerConfig.builder().lingerMs(1).batchSize(512).build())) {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String key = "thread-" + t;
                    threads.add(new Thread(() -> {
                        for (int i = 0; i < 500; i++) {
                            p.send(new ProducerRecord<>("t", key, Integer.toString(i)));
                        }
                    }));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join();
                }
            }
            Map<String, List<Integer>> byKey = new HashMap<>();
            readAll(log, "t", IsolationLevel.READ_UNCOMMITTED)
                .forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value())));
            assertThat(byKey).hasSize(4);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                expected.add(i);
            }
            byKey.values().forEach(v -> assertThat(v).isEqualTo(expected));
        }
    }

    @Test
    void settingsComeFromKafkaNamesAndUnknownOnesAreRefused() {
        Properties props = new Properties();
        props.setProperty("linger.ms", "20");
        props.setProperty("compression.type", "gzip");
        props.setProperty("transactional.id", "tx-1");
        ProducerConfig config = ProducerConfig.fromProperties(props);
        assertThat(config.lingerMs()).isEqualTo(20);
        assertThat(config.compressionType()).isEqualTo(CompressionType.GZIP);
        assertThat(ProducerConfig.fromMap(config.toMap())).isEqualTo(config);
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("bootstrap.servers", "localhost:9092")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> ProducerConfig.fromMap(Map.of("compression.type", "zstd")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("none, gzip");
        assertThatThrownBy(() -> ConsumerConfig.fromMap(Map.of("isolation.level", "serializable")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("isolation.level");
        ConsumerConfig consumer = ConsumerConfig.fromMap(Map.of("group.id", "g", "auto.offset.reset", "earliest",
            "partition.assignment.strategy", "roundrobin", "enable.auto.commit", false));
        assertThat(ConsumerConfig.fromMap(consumer.toMap())).isEqualTo(consumer);
    }

    @Test
    void sendingToAMissingTopicOrAfterCloseFails() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().retentionMs(-1).build());
            Producer<String, String> p = producer(log, ProducerConfig.defaults());
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("nope", "v"))).isInstanceOf(UnknownTopicException.class);
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("t", 3, "k", "v")))
                .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("partition 3");
            p.close();
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("t", "v"))).isInstanceOf(IllegalStateException.class);
        }
    }
}
