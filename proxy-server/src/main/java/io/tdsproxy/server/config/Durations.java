package io.tdsproxy.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the {@code [proxy]} section writes them: a whole number with a unit {@code ms},
 * {@code s}, {@code m} or {@code h}, or a bare number of seconds ({@code 600} is ten minutes).
 * Keys that can be switched off also take {@code off}, read by {@link #parseOrOff(String)}.
 */
public final class Durations {
    /** What a duration value looks like, for error messages and the README. */
    public static final String EXPECTED = "a duration such as 500ms, 15s, 2m or 1h (a bare number is seconds)";

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * Parses a duration of zero or more.
     *
     * @throws IllegalArgumentException "not a duration" when {@code text} has another form
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    /** {@link #parse}, with {@code off} read as {@link Duration#ZERO} (the feature is switched off). */
    public static Duration parseOrOff(String text) {
        return "off".equalsIgnoreCase(text.strip()) ? Duration.ZERO : parse(text);
    }

    /** {@link #parse}, refusing zero: for timeouts that must always apply. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be more than 0");
        }
        return d;
    }

    /** The shortest exact form, e.g. {@code 30s}, {@code 1500ms}, {@code 2m}; {@code off} for zero. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "off";
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
