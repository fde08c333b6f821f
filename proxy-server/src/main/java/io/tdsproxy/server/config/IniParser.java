package io.tdsproxy.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the INI dialect of {@code mssql.conf} as written by {@code mssql-conf} (Python's
 * configparser, which SQL Server on Linux uses):
 *
 * <ul>
 *   <li>{@code [section]} headers; {@code key = value} (or {@code key: value}) entries, split at the
 *       first {@code =} or {@code :}, whitespace around key and value removed;</li>
 *   <li>whole-line comments starting with {@code #} or {@code ;}; there are no inline comments,
 *       as in configparser ({@code tcpport = 1433 # x} has the value {@code 1433 # x}, which the
 *       loader then rejects with its location);</li>
 *   <li>section names and keys compare ignoring case; a repeated section or key is an error
 *       (configparser's strict mode), naming both lines.</li>
 * </ul>
 *
 * Multi-line values (configparser continuation lines) are not supported: no key the proxy knows
 * needs one, and an indented line is read as an ordinary line.
 */
public final class IniParser {
    private IniParser() {
    }

    /** Reads and parses {@code file}; {@code file.toString()} names the source in errors. */
    public static IniDocument parse(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + ": cannot read the configuration file: " + describe(e), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses {@code text}; {@code source} names it in error locations. */
    public static IniDocument parse(String source, String text) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, SectionBuilder> sections = new LinkedHashMap<>();
        SectionBuilder current = null;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Location at = new Location(source, i + 1);
            String line = (i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i]).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = header(line, at, sections, problems);
                continue;
            }
            int split = firstDelimiter(line);
            if (split < 0) {
                problems.add(at + ": expected '[section]' or 'key = value', found a line without '=' or ':'");
                continue;
            }
            String key = line.substring(0, split).strip();
            String value = line.substring(split + 1).strip();
            if (key.isEmpty()) {
                problems.add(at + ": a key is missing before '" + line.charAt(split) + "'");
            } else if (current == null) {
                problems.add(at + ": key '" + key + "' appears before any [section] header");
            } else {
                current.add(new IniEntry(key, value, at), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        List<IniSection> built = new ArrayList<>();
        sections.values().forEach(s -> built.add(new IniSection(s.name, s.location, s.entries)));
        return new IniDocument(source, built);
    }

    private static SectionBuilder header(String line, Location at, Map<String, SectionBuilder> sections,
                                         List<String> problems) {
        if (!line.endsWith("]") || line.length() < 3 || line.substring(1, line.length() - 1).isBlank()) {
            problems.add(at + ": expected a section header '[name]', found '" + line + "'");
            return null;
        }
        String name = line.substring(1, line.length() - 1).strip();
        String folded = name.toLowerCase(Locale.ROOT);
        SectionBuilder earlier = sections.get(folded);
        if (earlier != null) {
            problems.add(at + ": section [" + name + "] repeats the one at line " + earlier.location.line()
                    + "; put all its keys in one section");
            return earlier;
        }
        SectionBuilder section = new SectionBuilder(name, at);
        sections.put(folded, section);
        return section;
    }

    private static int firstDelimiter(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    /** Collects one section's entries while parsing, rejecting repeated keys. */
    private static final class SectionBuilder {
        final String name;
        final Location location;
        final List<IniEntry> entries = new ArrayList<>();
        final Map<String, IniEntry> byKey = new HashMap<>();

        SectionBuilder(String name, Location location) {
            this.name = name;
            this.location = location;
        }

        void add(IniEntry entry, List<String> problems) {
            IniEntry earlier = byKey.putIfAbsent(entry.key().toLowerCase(Locale.ROOT), entry);
            if (earlier != null) {
                problems.add(entry.location() + ": [" + name + "] " + entry.key() + " is already set at line "
                        + earlier.location().line() + "; keep only one");
                return;
            }
            entries.add(entry);
        }
    }
}
