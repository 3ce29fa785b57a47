package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.util.Map;
import java.util.UUID;

/**
 * Factory for the standard serdes, with the same names as Kafka's {@code Serdes} so that code ports by
 * changing imports. Each factory method returns a new instance.
 *
 * <p>The nested classes, such as {@link StringSerde}, have public no-argument constructors so that they can
 * also be named in configuration, e.g. {@code dev.rill.common.serialization.Serdes$StringSerde}.
 *
 * <table>
 *   <caption>Built-in serdes and their byte formats (all map {@code null} to {@code null})</caption>
 *   <tr><th>Method</th><th>Type</th><th>Bytes</th></tr>
 *   <tr><td>{@link #String()}</td><td>{@link String}</td><td>UTF-8 (configurable) text</td></tr>
 *   <tr><td>{@link #Long()}</td><td>{@link Long}</td><td>8, big-endian</td></tr>
 *   <tr><td>{@link #Integer()}</td><td>{@link Integer}</td><td>4, big-endian</td></tr>
 *   <tr><td>{@link #Double()}</td><td>{@link Double}</td><td>8, IEEE-754 bits, big-endian</td></tr>
 *   <tr><td>{@link #ByteArray()}</td><td>{@code byte[]}</td><td>as given</td></tr>
 *   <tr><td>{@link #UUID()}</td><td>{@link UUID}</td><td>36-character canonical text, UTF-8</td></tr>
 *   <tr><td>{@link #Void()}</td><td>{@link Void}</td><td>always {@code null}</td></tr>
 *   <tr><td>{@link #Json(Class)}</td><td>any</td><td>UTF-8 JSON via Jackson</td></tr>
 * </table>
 */
@Stable
public final class Serdes {

    private static final String SUPPORTED = "String, Long, Integer, Double, byte[], UUID, Void";

    private Serdes() {
    }

    /**
     * A serde built from a serializer and a deserializer, which it hands out unchanged. Configuring or
     * closing the serde configures or closes both halves.
     *
     * @param <T> the type handled
     */
    @Stable
    public static class WrapperSerde<T> implements Serde<T> {

        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        /**
         * Pairs a serializer with a deserializer.
         *
         * @param serializer the serializer; not {@code null}
         * @param deserializer the deserializer; not {@code null}
         * @throws IllegalArgumentException if either argument is {@code null}, naming which
         */
        public WrapperSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
            if (serializer == null) {
                throw new IllegalArgumentException("serializer must not be null");
            }
            if (deserializer == null) {
                throw new IllegalArgumentException("deserializer must not be null");
            }
            this.serializer = serializer;
            this.deserializer = deserializer;
        }

        /**
         * Configures the serializer, then the deserializer.
         *
         * @param configs the application's configuration
         * @param isKey whether this serde is used for keys
         */
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
        }

        /** Closes the serializer, then the deserializer, even if closing the serializer fails. */
        @Override
        public void close() {
            try {
                serializer.close();
            } finally {
                deserializer.close();
            }
        }

        /** @return the serializer given at construction; the same instance on every call */
        @Override
        public Serializer<T> serializer() {
            return serializer;
        }

        /** @return the deserializer given at construction; the same instance on every call */
        @Override
        public Deserializer<T> deserializer() {
            return deserializer;
        }

        /**
         * Names the serde for logs and error messages: {@code Serdes.StringSerde} for the built-in ones,
         * and the class plus the names of the two halves otherwise, e.g.
         * {@code Serdes.WrapperSerde(MySerializer, MyDeserializer)}.
         *
         * @return a short description of this serde
         */
        @Override
        public String toString() {
            Class<?> cls = getClass();
            if (cls != WrapperSerde.class && cls.getEnclosingClass() == Serdes.class) {
                return "Serdes." + cls.getSimpleName();
            }
            String name = cls == WrapperSerde.class ? "Serdes.WrapperSerde" : shortName(cls);
            return name + "(" + shortName(serializer.getClass()) + ", " + shortName(deserializer.getClass()) + ")";
        }

        private static String shortName(Class<?> cls) {
            // Anonymous classes and lambdas have no useful simple name.
            String simple = cls.getSimpleName();
            return simple.isEmpty() || cls.isSynthetic() ? cls.getName() : simple;
        }
    }

    /** The {@link String} serde: UTF-8 text unless an encoding is configured. See {@link StringSerializer}. */
    @Stable
    public static final class StringSerde extends WrapperSerde<String> {
        /** Creates the serde. */
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    /** The {@link Long} serde: 8 bytes, big-endian. See {@link LongSerializer}. */
    @Stable
    public static final class LongSerde extends WrapperSerde<Long> {
        /** Creates the serde. */
        public LongSerde() {
            super(new LongSerializer(), new LongDeserializer());
        }
    }

    /** The {@link Integer} serde: 4 bytes, big-endian. See {@link IntegerSerializer}. */
    @Stable
    public static final class IntegerSerde extends WrapperSerde<Integer> {
        /** Creates the serde. */
        public IntegerSerde() {
            super(new IntegerSerializer(), new IntegerDeserializer());
        }
    }

    /** The {@link Double} serde: 8 bytes of IEEE-754 bits, big-endian. See {@link DoubleSerializer}. */
    @Stable
    public static final class DoubleSerde extends WrapperSerde<Double> {
        /** Creates the serde. */
        public DoubleSerde() {
            super(new DoubleSerializer(), new DoubleDeserializer());
        }
    }

    /** The {@code byte[]} serde: bytes pass through unchanged. See {@link ByteArraySerializer}. */
    @Stable
    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        /** Creates the serde. */
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    /** The {@link UUID} serde: the 36-character canonical text in UTF-8. See {@link UUIDSerializer}. */
    @Stable
    public static final class UUIDSerde extends WrapperSerde<UUID> {
        /** Creates the serde. */
        public UUIDSerde() {
            super(new UUIDSerializer(), new UUIDDeserializer());
        }
    }

    /** The {@link Void} serde: only {@code null} is accepted. See {@link VoidDeserializer}. */
    @Stable
    public static final class VoidSerde extends WrapperSerde<Void> {
        /** Creates the serde. */
        public VoidSerde() {
            super(new VoidSerializer(), new VoidDeserializer());
        }
    }

    /** @return a new {@link StringSerde} */
    public static Serde<String> String() {
        return new StringSerde();
    }

    /** @return a new {@link LongSerde} */
    public static Serde<Long> Long() {
        return new LongSerde();
    }

    /** @return a new {@link IntegerSerde} */
    public static Serde<Integer> Integer() {
        return new IntegerSerde();
    }

    /** @return a new {@link DoubleSerde} */
    public static Serde<Double> Double() {
        return new DoubleSerde();
    }

    /** @return a new {@link ByteArraySerde} */
    public static Serde<byte[]> ByteArray() {
        return new ByteArraySerde();
    }

    /** @return a new {@link UUIDSerde} */
    public static Serde<UUID> UUID() {
        return new UUIDSerde();
    }

    /** @return a new {@link VoidSerde} */
    public static Serde<Void> Void() {
        return new VoidSerde();
    }

    /**
     * Returns a new JSON serde for a class, with the default mapper described in {@link JsonSerde}.
     *
     * @param type the class of the values handled; records work
     * @param <T> the type handled
     * @return a new {@link JsonSerde} for {@code type}
     * @throws NullPointerException if {@code type} is {@code null}
     */
    public static <T> Serde<T> Json(Class<T> type) {
        return new JsonSerde<>(type);
    }

    /**
     * Pairs a serializer and a deserializer into a serde.
     *
     * @param serializer the serializer; not {@code null}
     * @param deserializer the deserializer; not {@code null}
     * @param <T> the type handled
     * @return a {@link WrapperSerde} holding the two
     * @throws IllegalArgumentException if either argument is {@code null}, naming which
     */
    public static <T> Serde<T> serdeFrom(Serializer<T> serializer, Deserializer<T> deserializer) {
        return new WrapperSerde<>(serializer, deserializer);
    }

    /**
     * Returns a new built-in serde for one of the supported classes: {@code String.class},
     * {@code Long.class}, {@code Integer.class}, {@code Double.class}, {@code byte[].class},
     * {@code UUID.class} and {@code Void.class}.
     *
     * @param type the class of the values handled
     * @param <T> the type handled
     * @return a new serde for {@code type}
     * @throws IllegalArgumentException if {@code type} is {@code null} or not one of the supported classes;
     *     the message names the class and lists the supported ones
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> serdeFrom(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null; supported types are " + SUPPORTED);
        }
        // The casts are safe: each branch is taken only when T is exactly the serde's type.
        if (type == String.class) {
            return (Serde<T>) String();
        }
        if (type == Long.class) {
            return (Serde<T>) Long();
        }
        if (type == Integer.class) {
            return (Serde<T>) Integer();
        }
        if (type == Double.class) {
            return (Serde<T>) Double();
        }
        if (type == byte[].class) {
            return (Serde<T>) ByteArray();
        }
        if (type == UUID.class) {
            return (Serde<T>) UUID();
        }
        if (type == Void.class) {
            return (Serde<T>) Void();
        }
        String hint = type.isPrimitive()
                ? " (primitive types have no serde since they cannot be null; use the wrapper class)"
                : "; for other types use Serdes.serdeFrom(Serializer, Deserializer) or Serdes.Json(Class)";
        throw new IllegalArgumentException("No built-in serde for class " + type.getName()
                + "; supported types are " + SUPPORTED + hint);
    }
}
