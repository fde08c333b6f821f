package io.tdsproxy.testkit.clients;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FreeTDS {@code tsql} 1.3 (libtds, TDS 7.4, {@code encryption = off}) directly against the embedded
 * server over a real socket. tsql prints text renderings, so each column's rendering is compared
 * exactly; temporal types are rendered by FreeTDS's default date format ({@code %b %e %Y %I:%M%p}),
 * which shows minutes only (mssql-jdbc and pymssql check the fractions).
 */
class TsqlIT extends FreeTdsAgainstEmbeddedServer {
    private TsqlClient tsql() {
        return TsqlClient.create(unencrypted(), dir).login(USER, PASSWORD).database(DATABASE);
    }

    @Test
    void selectOne() {
        TsqlRun run = tsql().run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.messages()).as(run.describe()).isEmpty();
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("1"));
    }

    @Test
    void probesAnswerPlausibly() {
        TsqlRun run = tsql().run("SELECT DB_NAME(), SUSER_SNAME(), @@TRANCOUNT, SERVERPROPERTY('ProductVersion')");
        assertThat(run.rows()).as(run.describe()).hasSize(1);
        List<String> row = run.rows().get(0);
        assertThat(row.subList(0, 3)).as(run.describe()).containsExactly("testdb", USER, "0");
        assertThat(row.get(3)).as(run.describe()).startsWith("16.0.");
    }

    @Test
    void everyTypeIsRenderedFromItsWireValue() {
        List<String> batches = new ArrayList<>(Arrays.asList(FreeTdsTypesRow.create("tsql_types")));
        batches.add(FreeTdsTypesRow.select("tsql_types"));
        TsqlRun run = tsql().run(batches.toArray(String[]::new));

        assertThat(run.messages()).as(run.describe()).isEmpty();
        assertThat(run.header()).as(run.describe()).containsExactly(FreeTdsTypesRow.COLUMNS.split(", "));
        assertThat(run.rows()).as(run.describe()).hasSize(2);
        assertThat(run.rows().get(0)).as(run.describe()).containsExactly(
                "2147483647", "9223372036854775807", "-32768", "127", "1",
                "1.5000000000000001e+300", "3.25", "123456789.125", "12345",
                FreeTdsTypesRow.UNICODE, "plain", FreeTdsTypesRow.LONG_TEXT, FreeTdsTypesRow.LONG_TEXT.toUpperCase(),
                "0102ff", HexFormat.of().formatHex(FreeTdsTypesRow.LONG_BYTES),
                "Feb 29 2024 12:00AM", "Jan  1 1900 11:59PM", "Feb 29 2024 12:34PM", "Feb 29 2024 12:34PM",
                "6F9619FF-8B86-D011-B42D-00C04FC964FF");
        assertThat(run.rows().get(1)).as(run.describe()).isEqualTo(Collections.nCopies(20, "NULL"));
    }

    /** varchar travels in the collation's code page (1252: {@code é} and {@code €} are single bytes); FreeTDS converts it to UTF-8. */
    @Test
    void varcharTravelsInTheCollationCodePage() {
        TsqlRun run = tsql().run("SELECT CAST('caf\u00e9 \u20ac' AS varchar(20)) AS v, CAST('ab' AS char(4)) AS c");
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("caf\u00e9 \u20ac", "ab  "));
    }

    @Test
    void sqlErrorIsPrintedWithTheServerMessageAndTheSessionGoesOn() {
        TsqlRun run = tsql().run("SELECT * FROM no_such_table", "SELECT 2");
        assertThat(run.messages()).as(run.describe())
                .contains("Msg 208 (severity 16, state 1) from TDSPROXY-EMBEDDED")
                .contains("Table \"no_such_table\" not found");
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("2"));
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void wrongPasswordIsLoginFailed18456() {
        TsqlRun run = tsql().login(USER, "wrong").run("SELECT 1");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.messages()).as(run.describe())
                .contains("Msg 18456 (severity 14, state 1)")
                .contains("Login failed for user '" + USER + "'.")
                .contains("There was a problem connecting to the server");
        assertThat(run.records()).as(run.describe()).isEmpty();
    }

    @Test
    void hundredThousandRowsSumCorrectly() {
        TsqlRun run = tsql().run("SELECT X, CAST(X AS NVARCHAR(20)) FROM SYSTEM_RANGE(1, 100000)");
        assertThat(run.messages()).as(run.describe()).isEmpty();
        long sum = 0;
        for (List<String> row : run.rows()) {
            assertThat(row.get(1)).as("second column of %s", row).isEqualTo(row.get(0));
            sum += Long.parseLong(row.get(0));
        }
        assertThat(run.rows()).hasSize(100_000);
        assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
    }
}
