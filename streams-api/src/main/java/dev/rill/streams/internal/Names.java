package dev.rill.streams.internal;

import dev.rill.annotation.Internal;

/**
 * Checks user-given names of operators, stores and topics. They become directory and topic names, so
 * they are held to the characters a topic name may use.
 */
@Internal
public final class Names {
    /** Longest name accepted; leaves room for the application id and suffixes in topic names. */
    public static final int MAX_LENGTH = 249;

    private Names() {
    }

    /**
     * @param name the name to check
     * @param what what is being named, for the error message (e.g. "operator name")
     * @return the name
     * @throws NullPointerException if the name is {@code null}
     * @throws IllegalArgumentException if the name is empty, too long or has illegal characters
     */
    public static String requireLegal(String name, String what) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + name.substring(0, 40) + "...' is " + name.length()
                + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new IllegalArgumentException(what + " '" + name + "' contains the illegal character '" + c
                    + "' at index " + i + "; use only ASCII letters, digits, '.', '_' and '-'");
            }
        }
        return name;
    }
}
