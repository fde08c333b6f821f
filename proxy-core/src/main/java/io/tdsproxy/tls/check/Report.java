package io.tdsproxy.tls.check;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The doctor's findings, one row per {@link Requirement} in enum order.
 *
 * @param rows the findings
 */
public record Report(List<CheckRow> rows) {
    public Report {
        rows = List.copyOf(rows);
    }

    /** True when any row is {@link Verdict#FAIL}: the proxy must not serve this certificate. */
    public boolean hasFailures() {
        return count(Verdict.FAIL) > 0;
    }

    /** True when any row is {@link Verdict#WARN}. */
    public boolean hasWarnings() {
        return count(Verdict.WARN) > 0;
    }

    /** The rows with this verdict, in report order. */
    public List<CheckRow> rows(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).collect(Collectors.toList());
    }

    /** The row for one requirement. */
    public Optional<CheckRow> row(Requirement requirement) {
        return rows.stream().filter(r -> r.requirement() == requirement).findFirst();
    }

    /** How many rows have this verdict. */
    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** E.g. {@code "6 PASS, 1 WARN, 1 FAIL"}. */
    public String summary() {
        return count(Verdict.PASS) + " PASS, " + count(Verdict.WARN) + " WARN, " + count(Verdict.FAIL) + " FAIL";
    }

    /**
     * One line naming every failed requirement with its detail and fix, for the exception that stops
     * start-up; empty when nothing failed.
     */
    public String describeFailures() {
        return rows(Verdict.FAIL).stream()
                .map(r -> r.requirement().title() + ": " + r.detail() + (r.fix().isEmpty() ? "" : " (fix: " + r.fix() + ")"))
                .collect(Collectors.joining("; "));
    }

    /** The fixed-width table {@code tdsproxy cert check} prints (see {@link ReportTable}). */
    public String toTable() {
        return new ReportTable().render(this);
    }
}
