package dev.rill.streams;

import dev.rill.common.errors.ConfigException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The definition of one {@link StreamsConfig} setting: its name, the kind of value it holds, its default,
 * the check its value must pass, a human description of what is accepted, and a one-line doc.
 *
 * @param name the setting name, e.g. {@code commit.interval.ms}
 * @param kind the kind of value, which decides how a raw value is converted and which getter reads it
 * @param defaultValue the parsed default, or {@code null} for none
 * @param required whether the user must set it (then {@code defaultValue} is unused)
 * @param validator checks, and may canonicalize, a converted value
 * @param accepted what is accepted, phrased to follow "expected", e.g. {@code a whole number >= 0}
 * @param doc a one-line description
 */
record ConfigSetting(
    String name, Kind kind, Object defaultValue, boolean required, Validator validator, String accepted, String doc) {

    ConfigSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(doc, "doc");
    }

    /** The kinds of value a setting can hold, and how raw user values are converted to them. */
    enum Kind {
        /** A {@link String}; a raw String is trimmed; a {@link Path} or {@link File} is turned into a String. */
        STRING("a string"),
        /** An {@link Integer}; accepts any integral number in range or a String holding one. */
        INT("an int"),
        /** A {@link Long}; accepts any integral number or a String holding one. */
        LONG("a long"),
        /** A {@link Class} or an instance; a String is loaded as a class name. */
        CLASS("a class or an instance");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        /**
         * Converts a non-null raw value to this kind.
         *
         * @throws IllegalArgumentException if it cannot be; a non-null message gives a specific reason
         */
        Object convert(Object raw) {
            switch (this) {
                case STRING:
                    if (raw instanceof CharSequence || raw instanceof Path || raw instanceof File) {
                        return raw.toString().trim();
                    }
                    throw new IllegalArgumentException((String) null);
                case INT: {
                    long value = toLong(raw);
                    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException((String) null);
                    }
                    return (int) value;
                }
                case LONG:
                    return toLong(raw);
                case CLASS:
                    if (raw instanceof CharSequence name) {
                        return loadClass(name.toString().trim());
                    }
                    return raw;
                default:
                    throw new AssertionError(this);
            }
        }

        private static long toLong(Object raw) {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return ((Number) raw).longValue();
            }
            if (raw instanceof CharSequence text) {
                try {
                    return Long.parseLong(text.toString().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException((String) null);
                }
            }
            throw new IllegalArgumentException((String) null);
        }
    }

    /** Checks a converted value and returns it, possibly in canonical form. */
    @FunctionalInterface
    interface Validator {
        /**
         * @param value the converted, non-null value
         * @return the value to store
         * @throws IllegalArgumentException if the value is not acceptable; a non-null message gives a
         *     specific reason, a null one means "not what is accepted"
         */
        Object validate(Object value);
    }

    /**
     * Converts and validates a raw, non-null user value.
     *
     * @throws ConfigException naming this setting, the value and what is accepted
     */
    Object parse(Object raw) {
        try {
            return validator.validate(kind.convert(raw));
        } catch (IllegalArgumentException e) {
            throw invalid(raw, e.getMessage());
        }
    }

    /** Builds the exception for an unacceptable value, with an optional specific reason. */
    ConfigException invalid(Object raw, String reason) {
        String prefix = "Invalid value " + describe(raw) + " for configuration '" + name + "': ";
        return new ConfigException(reason == null
            ? prefix + "expected " + accepted
            : prefix + reason + "; expected " + accepted);
    }

    /** Renders a user value for an error message: quoted, with its type when it is not a String. */
    static String describe(Object raw) {
        if (raw instanceof String) {
            return "'" + raw + "'";
        }
        if (raw instanceof Class<?> cls) {
            return "'" + cls.getName() + "' (a Class)";
        }
        return "'" + raw + "' (a " + raw.getClass().getName() + ")";
    }

    /**
     * Loads a class by name, trying the thread's context class loader first and then Rill's own. A
     * nested class may be written with dots ({@code a.b.Outer.Inner}) as well as with {@code $}.
     *
     * @throws IllegalArgumentException naming the class if it cannot be loaded
     */
    static Class<?> loadClass(String className) {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(ConfigSetting.class.getClassLoader());
        String candidate = className;
        while (true) {
            for (ClassLoader loader : loaders) {
                try {
                    return Class.forName(candidate, true, loader);
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    // try the next loader, then the next spelling
                } catch (LinkageError | RuntimeException e) {
                    throw new IllegalArgumentException("class '" + className + "' could not be loaded ("
                        + e + ")");
                }
            }
            int lastDot = candidate.lastIndexOf('.');
            if (className.isEmpty() || lastDot < 0) {
                break;
            }
            candidate = candidate.substring(0, lastDot) + '$' + candidate.substring(lastDot + 1);
        }
        throw new IllegalArgumentException("class '" + className + "' could not be found on the classpath");
    }
}
