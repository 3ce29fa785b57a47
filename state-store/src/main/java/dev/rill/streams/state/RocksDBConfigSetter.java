package dev.rill.streams.state;

import dev.rill.annotation.Evolving;
import java.util.Map;
import org.rocksdb.Options;

/**
 * Changes the RocksDB options of every persistent store of an application (key-value, window and session
 * stores; for the latter, the options of every time segment, each a column family), as Kafka Streams'
 * {@code RocksDBConfigSetter} does. Name it with the setting {@code rocksdb.config.setter} (a class, a
 * class name or an instance). Given a class or class name, each store creates its own instance with the
 * public no-arg constructor; given an instance, all stores share it, so it must then be thread-safe.
 *
 * <p>{@link #setConfig} runs after Rill's defaults are in place, just before the store opens, so anything
 * it sets wins. Rill's defaults put the block cache and the memtables of all stores under one bounded
 * budget ({@code statestore.rocksdb.memory.max.bytes}); a setter that installs its own table format with
 * another cache, or another write buffer manager, takes that memory outside the budget and must bound
 * it itself. To change table options while keeping the shared cache, modify the existing table config:
 *
 * <pre>{@code
 * public void setConfig(String storeName, Options options, Map<String, Object> configs) {
 *     BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
 *     table.setBlockSize(16 * 1024);
 *     options.setTableFormatConfig(table);
 *     options.setCompressionType(CompressionType.LZ4_COMPRESSION);
 * }
 * }</pre>
 *
 * <p>Native objects the setter creates (filters, caches, rate limiters...) belong to it: release them in
 * {@link #close}, which the store calls when it closes.
 */
@Evolving
public interface RocksDBConfigSetter {

    /**
     * Adjusts the options of one store before it opens.
     *
     * @param storeName the name of the store being opened
     * @param options the store's options, already holding Rill's defaults; change them in place
     * @param configs the application's configuration, read-only
     */
    void setConfig(String storeName, Options options, Map<String, Object> configs);

    /**
     * Releases the native objects that {@link #setConfig} created for one store. Called once when the store
     * closes, before its options are released. The default does nothing.
     *
     * @param storeName the name of the store that closes
     * @param options the store's options, as {@link #setConfig} left them
     */
    default void close(String storeName, Options options) {
    }
}
