package io.tdsproxy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The lines of a results file, with look-ups by column values and number formatting for the report. */
final class ResultRows {
    private final List<Map<String, String>> rows = new ArrayList<>();

    static ResultRows read(Path file) throws IOException {
        ResultRows r = new ResultRows();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                r.rows.add(Results.parse(line));
            }
        }
        return r;
    }

    /** Rows whose columns equal the given key/value pairs (k1, v1, k2, v2, ...). */
    List<Map<String, String>> where(String... keyValues) {
        Predicate<Map<String, String>> match = m -> {
            for (int i = 0; i < keyValues.length; i += 2) {
                if (!keyValues[i + 1].equals(m.get(keyValues[i]))) {
                    return false;
                }
            }
            return true;
        };
        return rows.stream().filter(match).toList();
    }

    Optional<Map<String, String>> first(String... keyValues) {
        return where(keyValues).stream().findFirst();
    }

    /** A column as a number, or NaN when absent or not a number ("-"). */
    static double num(Map<String, String> row, String key) {
        if (row == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(row.getOrDefault(key, "-"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Formats with {@code decimals} places, "-" for NaN. */
    static String fmt(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** {@code a / b} as "0.87×", "-" when either is missing. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
