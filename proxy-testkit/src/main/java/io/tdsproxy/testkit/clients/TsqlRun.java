package io.tdsproxy.testkit.clients;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code tsql} run printed: its exit code, the records of its standard output (the first is the
 * column header of the last result set when one batch returns rows), the messages it printed on
 * standard error (server messages as {@code Msg N (severity S, state T) ...} and libtds/DB-Lib errors), and
 * the TDSDUMP protocol trace for failure messages.
 *
 * @param process the finished process
 * @param records stdout split into rows, each split into column texts exactly as {@code tsql} rendered them
 * @param dump    the TDSDUMP file (may be missing when tsql failed early)
 */
public record TsqlRun(ExternalProcess.Result process, List<List<String>> records, Path dump) {

    static TsqlRun parse(ExternalProcess.Result process, Path dump) {
        List<List<String>> records = new ArrayList<>();
        String out = process.stdout();
        String rowEnd = TsqlClient.ROW_TERMINATOR + "\n";
        int start = 0;
        for (int end = out.indexOf(rowEnd); end >= 0; end = out.indexOf(rowEnd, start)) {
            records.add(List.of(out.substring(start, end).split(java.util.regex.Pattern.quote(TsqlClient.COLUMN_TERMINATOR), -1)));
            start = end + rowEnd.length();
        }
        return new TsqlRun(process, List.copyOf(records), dump);
    }

    /** The exit status ({@code tsql} exits 0 after SQL errors, non-zero when it cannot log in). */
    public int exitCode() {
        return process.exitCode();
    }

    /** Standard error: server messages and client errors. */
    public String messages() {
        return process.stderr();
    }

    /** The column names of the result (the first record). */
    public List<String> header() {
        if (records.isEmpty()) {
            throw new AssertionError("tsql printed no result\n" + describe());
        }
        return records.get(0);
    }

    /** The rows of the result, each column as tsql rendered it ({@code NULL} for NULL). */
    public List<List<String>> rows() {
        header();
        return records.subList(1, records.size());
    }

    /** Everything known about the run, for assertion messages: output, errors and the end of the TDSDUMP. */
    public String describe() {
        return RunReport.describe(process, dump);
    }

    @Override
    public String toString() {
        return describe();
    }
}
