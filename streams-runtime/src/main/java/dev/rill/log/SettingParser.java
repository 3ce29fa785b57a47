package dev.rill.log;

import dev.rill.common.errors.ConfigException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads client settings given by Kafka name as strings or typed values, checking types and ranges. */
final class SettingParser {
    private final String kind;

    SettingParser(String kind) {
        this.kind = kind;
    }

    static Map<String, Object> fromProperties(Properties props) {
        Map<String, Object> m = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            m.put(name, props.getProperty(name));
        }
        return m;
    }

    long longValue(String name, Object value, long min, long max) {
        long v;
        if (value instanceof Number n) {
            v = n.longValue();
        } else {
            try {
                v = Long.parseLong(string(value));
            } catch (NumberFormatException e) {
                throw new ConfigException(kind + " setting " + name + " must be a whole number, was '" + value + "'");
            }
        }
        return check(name, v, min, max);
    }

    long check(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new ConfigException(kind + " setting " + name + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    boolean booleanValue(String name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = string(value).toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(kind + " setting " + name + " must be true or false, was '" + value + "'");
    }

    String string(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    ConfigException unknown(String name, Object value, Iterable<String> known) {
        return new ConfigException("unknown " + kind + " setting '" + name + "' (value '" + value + "'); known settings: "
            + String.join(", ", known));
    }

    ConfigException badChoice(String name, Object value, String choices) {
        return new ConfigException(kind + " setting " + name + " must be one of " + choices + ", was '" + value + "'");
    }
}
