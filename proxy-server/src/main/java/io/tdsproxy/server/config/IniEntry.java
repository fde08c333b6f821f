package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * One {@code key = value} line of an INI file.
 *
 * <p>{@code toString()} deliberately omits the value: an entry may hold {@code tlskeypassword}.
 *
 * @param key      the key as written (matching is case-insensitive, as in Python's configparser
 *                 that mssql-conf uses)
 * @param value    the value with surrounding whitespace removed; may be empty
 * @param location file and line of the entry
 */
public record IniEntry(String key, String value, Location location) {
    public IniEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return "IniEntry[" + key + " at " + location + "]";
    }
}
