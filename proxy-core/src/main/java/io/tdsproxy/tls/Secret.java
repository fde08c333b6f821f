package io.tdsproxy.tls;

import java.util.Arrays;
import java.util.Objects;

/**
 * A passphrase or password held as characters, never printed.
 *
 * <p>{@link #toString()} masks the value, so a {@code Secret} inside a config record does not leak
 * through the record's generated {@code toString}. Equality is identity on purpose: comparing secrets
 * is the job of the code that checks them, in constant time.
 */
public final class Secret {
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /** A secret holding the characters of {@code value}. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    /** A secret holding a copy of {@code value}; the caller may wipe its array afterwards. */
    public static Secret of(char[] value) {
        return new Secret(Objects.requireNonNull(value, "value").clone());
    }

    /** A fresh copy of the characters; the caller should wipe it ({@link Arrays#fill}) when done. */
    public char[] chars() {
        return value.clone();
    }

    /** True when the secret has no characters. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return "****";
    }
}
