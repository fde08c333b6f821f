package io.tdsproxy.testkit.clients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run of {@code pymssql_client.py} reported: whether it connected, each result set (values as
 * Python type name and text), summaries, and the error pymssql raised if any.
 *
 * @param process    the finished process
 * @param connected  whether {@code pymssql.connect} returned
 * @param resultSets every result set in order
 * @param error      the exception that ended the run
 * @param dump       the TDSDUMP file, or {@code null} when tracing was off
 */
public record PymssqlRun(ExternalProcess.Result process, boolean connected, List<ResultSet> resultSets,
                         Optional<Error> error, Path dump) {

    /** A value as pymssql returned it: its Python type name and its text ({@code null} for None). */
    public record Value(String pythonType, String text) {
    }

    /** A pymssql exception: class name, the number in its first argument, and its message text. */
    public record Error(String pythonClass, int number, String message) {
    }

    /** One result set: rows of values in rows mode, or the summary line in summary mode. */
    public record ResultSet(List<List<Value>> rows, Optional<Summary> summary) {
    }

    /** Row count, sum of the first column (when integral) and SHA-256 over every value's bytes. */
    public record Summary(long rows, java.math.BigInteger sumOfFirstColumn, String sha256) {
    }

    static PymssqlRun parse(ExternalProcess.Result process, Path dump) {
        boolean connected = false;
        List<ResultSet> sets = new ArrayList<>();
        List<List<Value>> rows = null;
        List<Value> row = new ArrayList<>();
        Optional<Summary> summary = Optional.empty();
        Optional<Error> error = Optional.empty();
        for (String line : process.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "connected" -> connected = true;
                case "resultset" -> {
                    if (rows != null) {
                        sets.add(new ResultSet(List.copyOf(rows), summary));
                    }
                    rows = new ArrayList<>();
                    summary = Optional.empty();
                }
                case "value" -> row.add(new Value(f[1], jsonString(f[2])));
                case "endrow" -> {
                    rows.add(List.copyOf(row));
                    row = new ArrayList<>();
                }
                case "summary" -> summary = Optional.of(new Summary(Long.parseLong(f[1]), new java.math.BigInteger(f[2]), f[3]));
                case "error" -> error = Optional.of(new Error(f[1], Integer.parseInt(f[2]), jsonString(f[3])));
                default -> {
                    // noresult lines and anything else carry nothing the tests read
                }
            }
        }
        if (rows != null) {
            sets.add(new ResultSet(List.copyOf(rows), summary));
        }
        return new PymssqlRun(process, connected, List.copyOf(sets), error, dump);
    }

    /** A JSON string literal or {@code null}, as the script prints values and messages. */
    private static String jsonString(String literal) {
        Object value = Json.parse(literal);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("not a JSON string: " + literal);
        }
        return (String) value;
    }

    /** The only result set (fails when there is not exactly one). */
    public ResultSet single() {
        if (resultSets.size() != 1) {
            throw new AssertionError("expected one result set, got " + resultSets.size() + "\n" + describe());
        }
        return resultSets.get(0);
    }

    /** Output, errors and the end of the TDSDUMP, for assertion messages. */
    public String describe() {
        return RunReport.describe(process, dump);
    }

    @Override
    public String toString() {
        return describe();
    }
}
