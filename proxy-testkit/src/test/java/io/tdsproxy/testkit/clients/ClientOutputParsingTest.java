package io.tdsproxy.testkit.clients;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of what tsql and the pymssql script print, without running them. */
class ClientOutputParsingTest {

    private static ExternalProcess.Result result(int exit, String stdout, String stderr) {
        return new ExternalProcess.Result(List.of("client"), exit, stdout, stderr);
    }

    @Test
    void tsqlRecordsSplitOnTheTerminatorsOnly() {
        TsqlRun run = TsqlRun.parse(result(0, "a<|>b<;>\n1<|>x\ty\nz<;>\nNULL<|><;>\n", ""), null);
        assertThat(run.header()).containsExactly("a", "b");
        assertThat(run.rows()).containsExactly(List.of("1", "x\ty\nz"), List.of("NULL", ""));
    }

    @Test
    void tsqlWithoutOutputHasNoRecordsAndHeaderFailsWithTheOutput() {
        TsqlRun run = TsqlRun.parse(result(1, "", "Error 20002 (severity 9):\n\tAdaptive Server connection failed\n"), null);
        assertThat(run.records()).isEmpty();
        assertThatThrownBy(run::rows).isInstanceOf(AssertionError.class).hasMessageContaining("Adaptive Server connection failed");
    }

    @Test
    void pymssqlLinesBecomeResultSetsSummariesAndErrors() {
        String out = String.join("\n",
                "connected",
                "resultset\t[\"i\", \"s\"]",
                "value\tint\t\"1\"",
                "value\tstr\t\"caf\\u00e9 \\\"q\\\" \\\\ \\n\"",
                "endrow",
                "value\tint\t\"2\"",
                "value\tNoneType\tnull",
                "endrow",
                "noresult\t-1",
                "resultset\t[\"x\"]",
                "summary\t3\t6\tabc",
                "error\tProgrammingError\t208\t\"Table \\\"t\\\" not found\"",
                "");
        PymssqlRun run = PymssqlRun.parse(result(1, out, ""), null);
        assertThat(run.connected()).isTrue();
        assertThat(run.resultSets()).hasSize(2);
        assertThat(run.resultSets().get(0).rows()).containsExactly(
                List.of(new PymssqlRun.Value("int", "1"), new PymssqlRun.Value("str", "caf\u00e9 \"q\" \\ \n")),
                List.of(new PymssqlRun.Value("int", "2"), new PymssqlRun.Value("NoneType", null)));
        assertThat(run.resultSets().get(1).summary())
                .contains(new PymssqlRun.Summary(3, BigInteger.valueOf(6), "abc"));
        assertThat(run.error()).contains(new PymssqlRun.Error("ProgrammingError", 208, "Table \"t\" not found"));
    }
}
