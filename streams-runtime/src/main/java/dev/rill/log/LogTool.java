package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line tool for a log directory. Usage:
 * <pre>
 * java -cp CLASSPATH dev.rill.log.LogTool --dir DIR topics
 * java -cp CLASSPATH dev.rill.log.LogTool --dir DIR describe TOPIC
 * java -cp CLASSPATH dev.rill.log.LogTool --dir DIR dump TOPIC PARTITION [FROM [TO]]
 * java -cp CLASSPATH dev.rill.log.LogTool --dir DIR tail TOPIC PARTITION [COUNT]
 * </pre>
 * {@code topics} lists topics with their partition count and settings; {@code describe} shows per
 * partition the start, end and last stable offsets, open transactions, size, retention and segments;
 * {@code dump} prints batches and records from FROM (default the log start) to TO (default the end);
 * {@code tail} the last COUNT (default 10) offsets. The tool opens the log like an application does, so
 * the directory must not be open elsewhere, and opening recovers it. Exit status 0 on success, 1 on an
 * error of the log, 2 on a usage error.
 */
@Evolving
public final class LogTool {
    private static final String USAGE = """
        usage: LogTool --dir DIR COMMAND
          topics                                 list topics, partition counts and settings
          describe TOPIC                         offsets, sizes, retention and segments per partition
          dump TOPIC PARTITION [FROM [TO]]       batches and records from FROM (default start) to TO (default end)
          tail TOPIC PARTITION [COUNT]           the last COUNT offsets (default 10)""";

    private LogTool() {
    }

    /**
     * Runs the tool and exits with its status.
     *
     * @param args {@code --dir DIR COMMAND ARGS...}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool, printing to the given streams.
     *
     * @param args {@code --dir DIR COMMAND ARGS...}
     * @param out where results go
     * @param err where errors and usage go
     * @return 0 on success, 1 on an error of the log, 2 on a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.size() < 3 || !rest.get(0).equals("--dir")) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(rest.get(1));
        String command = rest.get(2);
        List<String> params = rest.subList(3, rest.size());
        try {
            int[] arity = switch (command) {
                case "topics" -> new int[] {0, 0};
                case "describe" -> new int[] {1, 1};
                case "dump" -> new int[] {2, 4};
                case "tail" -> new int[] {2, 3};
                default -> null;
            };
            if (arity == null || params.size() < arity[0] || params.size() > arity[1]) {
                err.println((arity == null ? "unknown command '" + command + "'" : "wrong arguments for " + command)
                    + "\n" + USAGE);
                return 2;
            }
            try (EmbeddedLog log = EmbeddedLog.open(dir)) {
                switch (command) {
                    case "topics" -> topics(log, out);
                    case "describe" -> describe(log, params.get(0), out);
                    case "dump" -> {
                        PartitionDescription p = partition(log, params.get(0), params.get(1));
                        long from = params.size() > 2 ? Long.parseLong(params.get(2)) : p.logStartOffset();
                        long to = params.size() > 3 ? Long.parseLong(params.get(3)) : p.logEndOffset();
                        out.print(log.dump(p.topic(), p.partition(), from, to));
                    }
                    default -> {
                        PartitionDescription p = partition(log, params.get(0), params.get(1));
                        long count = params.size() > 2 ? Long.parseLong(params.get(2)) : 10;
                        long from = Math.max(p.logStartOffset(), p.logEndOffset() - count);
                        out.print(log.dump(p.topic(), p.partition(), from, p.logEndOffset()));
                    }
                }
            }
            return 0;
        } catch (NumberFormatException e) {
            err.println("not a number: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (LogException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static PartitionDescription partition(EmbeddedLog log, String topic, String partition) {
        int p = Integer.parseInt(partition);
        List<PartitionDescription> parts = log.describe(topic).partitions();
        if (p < 0 || p >= parts.size()) {
            throw new UnknownPartitionException("topic " + topic + " has partitions 0 to " + (parts.size() - 1)
                + "; partition " + p + " does not exist");
        }
        return parts.get(p);
    }

    private static void topics(EmbeddedLog log, PrintStream out) {
        for (String name : log.topics()) {
            TopicDescription t = log.describe(name);
            out.println(name + " partitions=" + t.partitions().size() + " " + t.config().toMap());
        }
    }

    private static void describe(EmbeddedLog log, String topic, PrintStream out) {
        TopicDescription t = log.describe(topic);
        out.println("topic " + topic + " " + t.config().toMap());
        for (PartitionDescription p : t.partitions()) {
            out.printf(Locale.ROOT, "partition %d start=%d end=%d stable=%d openTransactions=%d size=%d segments=%d "
                    + "retention.ms=%d retention.bytes=%d%n", p.partition(), p.logStartOffset(), p.logEndOffset(),
                p.lastStableOffset(), p.openTransactions(), p.sizeInBytes(), p.segments().size(), p.retentionMs(),
                p.retentionBytes());
            for (SegmentDescription s : p.segments()) {
                out.printf(Locale.ROOT, "  segment base=%d next=%d size=%d largestTimestamp=%d%s%n", s.baseOffset(),
                    s.nextOffset(), s.sizeInBytes(), s.largestTimestamp(), s.active() ? " active" : "");
            }
        }
    }
}
