package io.tdsproxy.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One measurement as ordered {@code key=value} pairs, printed and (with {@code --results}) appended
 * to a file as one tab-separated line, which {@link ReportCommand} turns into the markdown tables.
 * Values never contain tabs or newlines.
 */
final class Results {
    private final Map<String, String> values = new LinkedHashMap<>();

    Results put(String key, Object value) {
        String text;
        if (value instanceof Double || value instanceof Float) {
            text = String.format(Locale.ROOT, "%.4f", ((Number) value).doubleValue());
        } else {
            text = String.valueOf(value);
        }
        values.put(key, text.replace('\t', ' ').replace('\n', ' '));
        return this;
    }

    Map<String, String> values() {
        return values;
    }

    /** Prints the line and appends it to {@code file} when not null. */
    void emit(Path file) {
        StringJoiner line = new StringJoiner("\t");
        values.forEach((k, v) -> line.add(k + "=" + v));
        System.out.println("RESULT\t" + line);
        if (file != null) {
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("cannot append to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Parses a line written by {@link #emit}. */
    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : line.split("\t")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return m;
    }
}
