package io.tdsproxy.testkit.clients;

import io.tdsproxy.testkit.clients.PymssqlRun.Value;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pymssql 2.2 (DB-Lib over FreeTDS 1.3, TDS 7.4, {@code encryption = off}) directly against the embedded
 * server over a real socket. Values are compared as the Python objects pymssql builds. DB-Lib hands
 * temporal values over with millisecond precision, so {@code time(7)} and {@code datetime2(7)} show
 * .123000 here (mssql-jdbc checks all seven digits).
 */
class PymssqlIT extends FreeTdsAgainstEmbeddedServer {
    private PymssqlClient pymssql() {
        return PymssqlClient.create(unencrypted(), dir).login(USER, PASSWORD).database(DATABASE);
    }

    @Test
    void selectOne() {
        PymssqlRun run = pymssql().rows("SELECT 1");
        assertThat(run.error()).as(run.describe()).isEmpty();
        assertThat(run.single().rows()).as(run.describe()).containsExactly(List.of(new Value("int", "1")));
    }

    @Test
    void everyTypeArrivesAsTheRightPythonValue() {
        List<String> statements = new ArrayList<>(Arrays.asList(FreeTdsTypesRow.create("pymssql_types")));
        statements.add(FreeTdsTypesRow.select("pymssql_types"));
        PymssqlRun run = pymssql().rows(statements.toArray(String[]::new));

        assertThat(run.error()).as(run.describe()).isEmpty();
        List<List<Value>> rows = run.single().rows();
        assertThat(rows).as(run.describe()).hasSize(2);
        assertThat(rows.get(0)).as(run.describe()).containsExactly(
                new Value("int", "2147483647"), new Value("int", "9223372036854775807"), new Value("int", "-32768"),
                new Value("int", "127"), new Value("bool", "True"), new Value("float", "1.5e+300"),
                new Value("float", "3.25"), new Value("Decimal", "123456789.125"), new Value("Decimal", "12345"),
                new Value("str", FreeTdsTypesRow.UNICODE), new Value("str", "plain"),
                new Value("str", FreeTdsTypesRow.LONG_TEXT), new Value("str", FreeTdsTypesRow.LONG_TEXT.toUpperCase()),
                new Value("bytes", "0102ff"), new Value("bytes", HexFormat.of().formatHex(FreeTdsTypesRow.LONG_BYTES)),
                new Value("date", "2024-02-29"), new Value("time", "23:59:59.123000"),
                new Value("datetime", "2024-02-29T12:34:56.123000"), new Value("datetime", "2024-02-29T12:34:56.123000"),
                new Value("UUID", "6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        assertThat(rows.get(1)).as(run.describe()).isEqualTo(Collections.nCopies(20, new Value("NoneType", null)));
    }

    /** varchar travels in the collation's code page (1252); DB-Lib converts it to UTF-8 for Python. */
    @Test
    void varcharTravelsInTheCollationCodePage() {
        PymssqlRun run = pymssql().rows("SELECT CAST('caf\u00e9 \u20ac' AS varchar(20)) AS v, CAST('ab' AS char(4)) AS c");
        assertThat(run.single().rows()).as(run.describe())
                .containsExactly(List.of(new Value("str", "caf\u00e9 \u20ac"), new Value("str", "ab  ")));
    }

    @Test
    void sqlErrorIsAProgrammingErrorWithTheServerMessage() {
        PymssqlRun run = pymssql().rows("SELECT * FROM no_such_table");
        assertThat(run.connected()).as(run.describe()).isTrue();
        assertThat(run.error()).as(run.describe()).hasValueSatisfying(e -> {
            assertThat(e.pythonClass()).isEqualTo("ProgrammingError");
            assertThat(e.number()).isEqualTo(208);
            assertThat(e.message()).contains("Table \"no_such_table\" not found");
        });
    }

    @Test
    void wrongPasswordIsLoginFailed18456() {
        PymssqlRun run = pymssql().login(USER, "wrong").rows("SELECT 1");
        assertThat(run.connected()).as(run.describe()).isFalse();
        assertThat(run.error()).as(run.describe()).hasValueSatisfying(e -> {
            assertThat(e.pythonClass()).isEqualTo("OperationalError");
            assertThat(e.number()).isEqualTo(18456);
            assertThat(e.message()).contains("Login failed for user '" + USER + "'.");
        });
    }

    @Test
    void hundredThousandRowsSumCorrectly() throws Exception {
        PymssqlRun run = pymssql().untraced().summary("SELECT X, CAST(X AS NVARCHAR(20)) FROM SYSTEM_RANGE(1, 100000)");
        assertThat(run.error()).as(run.describe()).isEmpty();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (int i = 1; i <= 100_000; i++) {
            byte[] text = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            expected.update(text); // the int column, as Python's str()
            expected.update(text); // the nvarchar column
        }
        PymssqlRun.Summary summary = run.single().summary().orElseThrow(() -> new AssertionError(run.describe()));
        assertThat(summary.rows()).isEqualTo(100_000);
        assertThat(summary.sumOfFirstColumn()).isEqualTo(BigInteger.valueOf(100_000L * 100_001L / 2));
        assertThat(summary.sha256()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }
}
