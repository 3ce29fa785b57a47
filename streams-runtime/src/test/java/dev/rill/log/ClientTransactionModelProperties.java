package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.serialization.Serdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of sends by two transactional producers and a plain one, commits, aborts and polls
 * by a read_committed and a read_uncommitted consumer, against a model: read_uncommitted sees every
 * record in append order; read_committed sees plain and committed records up to the first record of a
 * still open transaction, never an aborted one.
 */
class ClientTransactionModelProperties {
    private static final int PARTITIONS = 2;

    enum Kind { SEND, COMMIT, ABORT, POLL }

    record Action(Kind kind, int producer, int partition) {
    }

    /** One appended record in the model: its value, the transaction it belongs to (-1 for none). */
    private static final class Entry {
        final String value;
        final int producer;
        final boolean transactional;
        String status;

        Entry(String value, int producer, boolean transactional) {
            this.value = value;
            this.producer = producer;
            this.transactional = transactional;
            this.status = transactional ? "open" : "plain";
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> action = Combinators.combine(
            Arbitraries.of(Kind.values()).edgeCases(c -> c.includeOnly(Kind.SEND)),
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, PARTITIONS - 1)).as(Action::new);
        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void consumersSeeWhatTheModelAllows(@ForAll("actions") List<Action> actions) throws IOException {
        Path dir = Files.createTempDirectory("rill-txn-model");
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("t", TopicConfig.builder().partitions(PARTITIONS).retentionMs(-1).build());
            List<Producer<String, String>> producers = new ArrayList<>();
            boolean[] inTxn = new boolean[3];
            for (int i = 0; i < 2; i++) {
                Producer<String, String> p = log.producer(ProducerConfig.builder().transactionalId("tx-" + i).build(),
                    Serdes.String().serializer(), Serdes.String().serializer());
                p.initTransactions();
                producers.add(p);
            }
            producers.add(log.producer(ProducerConfig.defaults(), Serdes.String().serializer(), Serdes.String().serializer()));
            Consumer<String, String> committed = consumer(log, IsolationLevel.READ_COMMITTED);
            Consumer<String, String> uncommitted = consumer(log, IsolationLevel.READ_UNCOMMITTED);
            List<List<Entry>> model = new ArrayList<>();
            List<List<String>> seenCommitted = new ArrayList<>();
            List<List<String>> seenUncommitted = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                model.add(new ArrayList<>());
                seenCommitted.add(new ArrayList<>());
                seenUncommitted.add(new ArrayList<>());
            }
            int counter = 0;
            for (Action a : actions) {
                boolean transactional = a.producer() < 2;
                switch (a.kind()) {
                    case SEND -> {
                        if (transactional && !inTxn[a.producer()]) {
                            producers.get(a.producer()).beginTransaction();
                            inTxn[a.producer()] = true;
                        }
                        String value = "v" + counter++;
                        producers.get(a.producer()).send(new ProducerRecord<>("t", a.partition(), "k", value));
                        producers.get(a.producer()).flush();
                        model.get(a.partition()).add(new Entry(value, a.producer(), transactional));
                    }
                    case COMMIT, ABORT -> {
                        if (transactional && inTxn[a.producer()]) {
                            boolean commit = a.kind() == Kind.COMMIT;
                            if (commit) {
                                producers.get(a.producer()).commitTransaction();
                            } else {
                                producers.get(a.producer()).abortTransaction();
                            }
                            inTxn[a.producer()] = false;
                            for (List<Entry> part : model) {
                                part.stream().filter(e -> e.producer == a.producer() && e.status.equals("open"))
                                    .forEach(e -> e.status = commit ? "committed" : "aborted");
                            }
                        }
                    }
                    case POLL -> {
                        drain(committed, seenCommitted);
                        drain(uncommitted, seenUncommitted);
                        for (int p = 0; p < PARTITIONS; p++) {
                            assertThat(seenUncommitted.get(p)).isEqualTo(model.get(p).stream().map(e -> e.value).toList());
                            List<String> visible = new ArrayList<>();
                            for (Entry e : model.get(p)) {
                                if (e.status.equals("open")) {
                                    break;
                                }
                                if (!e.status.equals("aborted")) {
                                    visible.add(e.value);
                                }
                            }
                            assertThat(seenCommitted.get(p)).as("read_committed of partition %d", p).isEqualTo(visible);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static Consumer<String, String> consumer(EmbeddedLog log, IsolationLevel isolation) {
        Consumer<String, String> c = log.consumer(ConsumerConfig.builder().isolationLevel(isolation)
                .autoOffsetReset(ConsumerConfig.AutoOffsetReset.EARLIEST).build(),
            Serdes.String().deserializer(), Serdes.String().deserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            parts.add(new TopicPartition("t", p));
        }
        c.assign(parts);
        return c;
    }

    private static void drain(Consumer<String, String> c, List<List<String>> seen) {
        while (true) {
            ConsumerRecords<String, String> records = c.poll(Duration.ZERO);
            if (records.isEmpty()) {
                return;
            }
            for (ConsumerRecord<String, String> r : records) {
                seen.get(r.partition()).add(r.value());
            }
        }
    }
}
