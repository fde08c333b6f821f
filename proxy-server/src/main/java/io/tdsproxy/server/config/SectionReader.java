package io.tdsproxy.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads the keys of one owned section, turning every bad value into a problem that names the
 * location, the key and what was expected. Remembers nothing but which keys exist: unknown keys are
 * reported by {@link #reportUnknownKeys()} so that a typo never silently falls back to a default.
 *
 * <p>A section is a {@code SectionReader} with its key set (listed in {@link ConfigSections}); overrides
 * from the environment or {@code --set} arrive merged into the {@link IniDocument} as entries whose
 * {@link Location} names their origin ({@link Overrides}).
 */
final class SectionReader {
    private final IniDocument document;
    private final String name;
    private final Optional<IniSection> section;
    private final Set<String> knownKeys;
    private final Set<String> ignoredKeys;
    private final List<String> problems;

    SectionReader(IniDocument document, String name, Set<String> knownKeys, List<String> problems) {
        this(document, name, knownKeys, Set.of(), problems);
    }

    /** {@code ignoredKeys}: keys another program reads in this section; accepted without a word. */
    SectionReader(IniDocument document, String name, Set<String> knownKeys, Set<String> ignoredKeys,
                  List<String> problems) {
        this.document = document;
        this.name = name;
        this.section = document.section(name);
        this.knownKeys = knownKeys;
        this.ignoredKeys = ignoredKeys;
        this.problems = problems;
    }

    /** Where the section header is, or the file when the section is absent. */
    Location location() {
        return section.map(IniSection::location).orElse(Location.of(document.source()));
    }

    boolean present() {
        return section.isPresent();
    }

    Optional<IniEntry> entry(String key) {
        return section.flatMap(s -> s.entry(key));
    }

    /** A non-empty string value, if the key is set; an empty value is a problem. */
    Optional<String> string(String key, String expected) {
        Optional<IniEntry> entry = entry(key);
        if (entry.isPresent() && entry.get().value().isEmpty()) {
            problem(entry.get(), "is empty; expected " + expected);
            return Optional.empty();
        }
        return entry.map(IniEntry::value);
    }

    /** An integer in {@code min..max}, or {@code fallback} when the key is absent. */
    int integer(String key, int min, int max, int fallback, String expected) {
        return parsed(key, expected, value -> {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("out of range");
            }
            return parsed;
        }).orElse(fallback);
    }

    /** A value converted by {@code parser}; any exception from it becomes a problem naming {@code expected}. */
    <T> Optional<T> parsed(String key, String expected, Function<String, T> parser) {
        Optional<String> raw = string(key, expected);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(raw.get()));
        } catch (RuntimeException e) {
            String detail = e.getMessage() == null || e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")";
            problem(entry(key).orElseThrow(), "= '" + raw.get() + "' is not valid; expected " + expected + detail);
            return Optional.empty();
        }
    }

    /** Records a problem about an entry: {@code file:line: [section] key <text>}. */
    void problem(IniEntry entry, String text) {
        problems.add(entry.location() + ": [" + name + "] " + entry.key() + " " + text);
    }

    /** Records a problem about the section as a whole. */
    void problem(String text) {
        problems.add(location() + ": [" + name + "] " + text);
    }

    /** One problem per key that this section does not define, with the likely key when one is close. */
    void reportUnknownKeys() {
        Set<String> sorted = new TreeSet<>(knownKeys);
        section.ifPresent(s -> s.entries().forEach(e -> {
            String key = e.key().toLowerCase(Locale.ROOT);
            if (!knownKeys.contains(key) && !ignoredKeys.contains(key)) {
                problem(e, "is not a known key; expected one of " + String.join(", ", sorted)
                        + DidYouMean.suffix(key, sorted));
            }
        }));
    }
}
