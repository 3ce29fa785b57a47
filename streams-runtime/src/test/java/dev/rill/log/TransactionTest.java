package dev.rill.log;

import static dev.rill.log.ProducerTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.serialization.Serdes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {
    @TempDir
    Path dir;

    private static Producer<String, String> transactional(EmbeddedLog log, String id) {
        return log.producer(ProducerConfig.builder().transactionalId(id).clientId(id).build(),
            Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static EmbeddedLog openWithTopics(Path dir) {
        EmbeddedLog log = EmbeddedLog.open(dir);
        for (String t : new String[] {"a", "b"}) {
            if (!log.topics().contains(t)) {
                log.createTopic(t, TopicConfig.builder().partitions(2).retentionMs(-1).build());
            }
        }
        return log;
    }

    @Test
    void readCommittedSeesOnlyCommittedTransactionsAcrossTopicsAndPartitions() {
        try (EmbeddedLog log = openWithTopics(dir)) {
            Producer<String, String> p = transactional(log, "tx");
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>("a", 0, "k", "a0"));
            p.send(new ProducerRecord<>("a", 1, "k", "a1"));
            p.send(new ProducerRecord<>("b", 0, "k", "b0"));
            p.flush();
            assertThat(readAll(log, "a", IsolationLevel.READ_COMMITTED)).isEmpty();
            assertThat(readAll(log, "a", IsolationLevel.READ_UNCOMMITTED)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("a0", "a1");
            p.commitTransaction();
            assertThat(readAll(log, "a", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("a0", "a1");
            assertThat(readAll(log, "b", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value).containsExactly("b0");

            p.beginTransaction();
            p.send(new ProducerRecord<>("a", 0, "k", "aborted"));
            p.send(new ProducerRecord<>("b", 1, "k", "aborted"));
            p.flush();
            p.abortTransaction();
            p.beginTransaction();
            p.send(new ProducerRecord<>("a", 0, "k", "after"));
            p.commitTransaction();
            assertThat(readAll(log, "a", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("a0", "a1", "after");
            assertThat(readAll(log, "b", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value).containsExactly("b0");
            assertThat(readAll(log, "a", IsolationLevel.READ_UNCOMMITTED)).extracting(ConsumerRecord::value).contains("aborted");
        }
    }

    @Test
    void offsetsSentToATransactionAreCommittedOnlyWithIt() {
        try (EmbeddedLog log = openWithTopics(dir)) {
            ConsumerConfig config = ConsumerConfig.builder().groupId("g").enableAutoCommit(false).build();
            Consumer<String, String> c = log.consumer(config, Serdes.String().deserializer(), Serdes.String().deserializer());
            TopicPartition a0 = new TopicPartition("a", 0);
            Producer<String, String> p = transactional(log, "tx");
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>("b", 0, "k", "out"));
            p.sendOffsetsToTransaction(Map.of(a0, new OffsetAndMetadata(7, "m")), new ConsumerGroupMetadata("g"));
            p.abortTransaction();
            assertThat(c.committed(a0)).isEmpty();
            p.beginTransaction();
            p.sendOffsetsToTransaction(Map.of(a0, new OffsetAndMetadata(9, "m")), new ConsumerGroupMetadata("g"));
            assertThat(c.committed(a0)).isEmpty();
            p.commitTransaction();
            assertThat(c.committed(a0)).contains(new OffsetAndMetadata(9, "m"));
        }
        try (EmbeddedLog log = openWithTopics(dir)) {
            ConsumerConfig config = ConsumerConfig.builder().groupId("g").build();
            Consumer<String, String> c = log.consumer(config, Serdes.String().deserializer(), Serdes.String().deserializer());
            assertThat(c.committed(new TopicPartition("a", 0))).contains(new OffsetAndMetadata(9, "m"));
        }
    }

    @Test
    void aNewProducerWithTheSameIdFencesTheOldOneAndAbortsItsTransaction() {
        try (EmbeddedLog log = openWithTopics(dir)) {
            Producer<String, String> zombie = transactional(log, "tx");
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>("a", 0, "k", "zombie"));
            zombie.flush();

            Producer<String, String> successor = transactional(log, "tx");
            successor.initTransactions();
            assertThat(log.describe("a").partitions().get(0).openTransactions()).isZero();
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class)
                .hasMessageContaining("tx");
            assertThatThrownBy(() -> zombie.send(new ProducerRecord<>("a", 0, "k", "again")))
                .isInstanceOf(ProducerFencedException.class);

            successor.beginTransaction();
            successor.send(new ProducerRecord<>("a", 0, "k", "successor"));
            successor.commitTransaction();
            assertThat(readAll(log, "a", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value)
                .containsExactly("successor");
        }
    }

    @Test
    void closingAProducerAbortsItsOpenTransactionAndTheStateSurvivesAReopen() {
        try (EmbeddedLog log = openWithTopics(dir)) {
            Producer<String, String> p = transactional(log, "tx");
            p.initTransactions();
            p.beginTransaction();
            p.send(new ProducerRecord<>("a", 1, "k", "open"));
            p.close();
            assertThat(log.describe("a").partitions().get(1).openTransactions()).isZero();
            assertThat(readAll(log, "a", IsolationLevel.READ_COMMITTED)).isEmpty();
        }
        try (EmbeddedLog reopened = openWithTopics(dir)) {
            Producer<String, String> again = transactional(reopened, "tx");
            again.initTransactions();
            again.beginTransaction();
            again.send(new ProducerRecord<>("a", 1, "k", "later"));
            again.commitTransaction();
            assertThat(readAll(reopened, "a", IsolationLevel.READ_COMMITTED)).extracting(ConsumerRecord::value)
                .containsExactly("later");
            assertThat(reopened.dump("a", 1, 0, 10)).contains("producerId=0 epoch=1");
        }
    }

    @Test
    void transactionMethodsCheckTheirOrder() {
        try (EmbeddedLog log = openWithTopics(dir)) {
            Producer<String, String> plain = log.producer(ProducerConfig.defaults(), Serdes.String().serializer(),
                Serdes.String().serializer());
            assertThatThrownBy(plain::initTransactions).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transactional.id");
            Producer<String, String> p = transactional(log, "tx");
            assertThatThrownBy(p::beginTransaction).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initTransactions");
            p.initTransactions();
            assertThatThrownBy(() -> p.send(new ProducerRecord<>("a", "v"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beginTransaction");
            assertThatThrownBy(p::commitTransaction).isInstanceOf(IllegalStateException.class);
        }
    }
}
