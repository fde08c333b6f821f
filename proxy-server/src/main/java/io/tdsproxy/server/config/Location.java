package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * Where a setting came from: a file and a 1-based line, or a line-less source such as a whole file
 * or (later) a command-line override. Every configuration error starts with one of these so that
 * the operator can jump to the offending line.
 *
 * @param source the file name as given to the loader, or a description such as {@code --set}
 * @param line   1-based line number, or 0 when the source has no lines
 */
public record Location(String source, int line) {
    public Location {
        Objects.requireNonNull(source, "source");
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " < 0");
        }
    }

    /** A location without a line, for errors about the file as a whole (a missing section). */
    public static Location of(String source) {
        return new Location(source, 0);
    }

    /** {@code file:line}, or just {@code file} when there is no line. */
    @Override
    public String toString() {
        return line == 0 ? source : source + ":" + line;
    }
}
