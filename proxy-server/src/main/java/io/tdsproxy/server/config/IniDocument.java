package io.tdsproxy.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed INI file: its sections in file order. Pure syntax; what the keys mean is decided by
 * {@link ConfigLoader}.
 *
 * @param source   the name used in error locations (normally the file path as given)
 * @param sections the sections; names are unique ignoring case (the parser rejects duplicates)
 */
public record IniDocument(String source, List<IniSection> sections) {
    public IniDocument {
        Objects.requireNonNull(source, "source");
        sections = List.copyOf(sections);
    }

    /** The section called {@code name}, compared ignoring case. */
    public Optional<IniSection> section(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return sections.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
