package io.tdsproxy.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code [name]} section and its entries in file order.
 *
 * @param name     the section name as written
 * @param location the line of the section header
 * @param entries  the entries; keys are unique ignoring case (the parser rejects duplicates)
 */
public record IniSection(String name, Location location, List<IniEntry> entries) {
    public IniSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
    }

    /** The entry for {@code key}, compared ignoring case. */
    public Optional<IniEntry> entry(String key) {
        String wanted = key.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> e.key().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
