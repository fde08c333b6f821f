package io.tdsproxy.tls.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {
    private final Report report = new Report(List.of(
            CheckRow.pass(Requirement.VALIDITY, "valid from 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z (300 days left)"),
            CheckRow.fail(Requirement.HOST_NAME, "other.example.test is not covered; the certificate covers DNS:db.example.test",
                    "reissue for the name clients use"),
            CheckRow.warn(Requirement.KEY_FILE, "/a/very/long/path/that/does/not/fit/into/the/detail/column/at/all/key.pem: "
                    + "owned by root", "chown proxy KEY")));

    @Test
    void countsVerdicts() {
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.hasWarnings()).isTrue();
        assertThat(report.summary()).isEqualTo("1 PASS, 1 WARN, 1 FAIL");
        assertThat(report.rows(Verdict.FAIL)).extracting(CheckRow::requirement).containsExactly(Requirement.HOST_NAME);
        assertThat(report.row(Requirement.KEY_FILE)).get().extracting(CheckRow::verdict).isEqualTo(Verdict.WARN);
        assertThat(report.row(Requirement.CHAIN)).isEmpty();
    }

    @Test
    void aReportOfPassesHasNoFailures() {
        Report ok = new Report(List.of(CheckRow.pass(Requirement.CHAIN, "fine")));
        assertThat(ok.hasFailures()).isFalse();
        assertThat(ok.hasWarnings()).isFalse();
        assertThat(ok.describeFailures()).isEmpty();
    }

    @Test
    void describeFailuresNamesEachFailureWithItsFix() {
        assertThat(report.describeFailures()).isEqualTo("host name: other.example.test is not covered; the certificate "
                + "covers DNS:db.example.test (fix: reissue for the name clients use)");
    }

    @Test
    void tableHasFixedColumns() {
        String[] lines = new ReportTable(30, 20).render(report).split("\n");
        assertThat(lines[0]).startsWith("RESULT  REQUIREMENT").contains("DETAIL").endsWith("FIX");
        int detailColumn = lines[0].indexOf("DETAIL");
        int fixColumn = lines[0].indexOf("FIX");
        assertThat(fixColumn - detailColumn).isEqualTo(32);
        assertThat(lines[1]).matches("-{6}  -+  -{30}  -{20}");
        assertThat(lines[2]).startsWith("PASS    validity dates");
        for (int i = 2; i < lines.length; i++) {
            assertThat(lines[i].length()).as(lines[i]).isLessThanOrEqualTo(fixColumn + 20);
            if (lines[i].length() > fixColumn) {
                assertThat(lines[i].charAt(fixColumn - 1)).as(lines[i]).isEqualTo(' ');
            }
        }
        assertThat(String.join("\n", lines)).contains("FAIL    host name").contains("WARN    key file permissions");
    }

    @Test
    void continuationLinesLeaveVerdictAndRequirementBlank() {
        String[] lines = new ReportTable(30, 20).render(report).split("\n");
        int detailColumn = lines[0].indexOf("DETAIL");
        assertThat(lines[3]).startsWith(" ".repeat(detailColumn)).contains("2026-01-01T00:00:00Z");
    }

    @Test
    void wrapsAtWordsAndCutsLongWords() {
        assertThat(ReportTable.wrap("aa bb cc dd", 5)).containsExactly("aa bb", "cc dd");
        assertThat(ReportTable.wrap("abcdefghijkl xy", 5)).containsExactly("abcde", "fghij", "kl xy");
        assertThat(ReportTable.wrap("", 5)).containsExactly("");
    }

    @Test
    void defaultTableFitsA120ColumnTerminal() {
        for (String line : report.toTable().split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(120);
        }
    }
}
