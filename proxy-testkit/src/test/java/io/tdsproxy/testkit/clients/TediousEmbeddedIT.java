package io.tdsproxy.testkit.clients;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.clients.TediousClient.Parameter;
import io.tdsproxy.testkit.clients.TediousReport.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tedious 19 (Node.js) against the embedded server over a real socket, {@code encrypt:false} (PRELOGIN
 * ENCRYPT_NOT_SUP, so everything is plaintext): the issue 2 scenarios as the Node client sees them.
 */
class TediousEmbeddedIT {
    static final String USER = "tester";
    static final String PASSWORD = "S3cret!pw";
    static final String LONG_TEXT = "0123456789abcdefghij".repeat(600);
    static final String LONG_HEX = "0102ff".repeat(7000);
    static EmbeddedTdsServer server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedTdsServer.builder().login(USER, PASSWORD).database("nodedb").build().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static TediousClient client() {
        return TediousClient.connectTo(server.host(), server.port()).login(USER, PASSWORD).encrypt(false);
    }

    @Test
    void selectOne() {
        TediousReport report = client().sql("SELECT 1 AS one").run();
        assertThat(report.connectError()).as(report.toString()).isNull();
        assertThat(report.tlsProtocol()).isEmpty();
        Outcome outcome = report.only();
        assertThat(outcome.error()).isNull();
        assertThat(outcome.resultSets()).hasSize(1);
        assertThat(outcome.resultSets().get(0).columnNames()).containsExactly("one");
        assertThat(outcome.resultSets().get(0).rows()).containsExactly(List.of(BigDecimal.ONE));
    }

    @Test
    void everyTypeRoundTripsWithNulls() {
        TediousReport report = client()
                .sql("CREATE TABLE all_types (id int primary key, i int, b bigint, sm smallint, ti tinyint, bt bit, "
                        + "f float, r real, d decimal(12,3), n numeric(5,0), nv nvarchar(50), v varchar(20), "
                        + "nvm nvarchar(max), vm varchar(max), vb varbinary(10), vbm varbinary(max), dt date, "
                        + "tm time(7), dt2 datetime2(7), dtm datetime, u uniqueidentifier)")
                .sql("INSERT INTO all_types (id, nvm, vm, vbm) VALUES (1, @nvm, @vm, @vbm)", List.of(
                        Parameter.of("nvm", "NVarChar", LONG_TEXT),
                        Parameter.of("vm", "VarChar", LONG_TEXT.toUpperCase()),
                        Parameter.of("vbm", "VarBinary", LONG_HEX)))
                .sql("UPDATE all_types SET i = 2147483647, b = 9223372036854775807, sm = -32768, ti = 127, bt = 1, "
                        + "f = 1.5E300, r = 3.25, d = 123456789.125, n = 12345, "
                        + "nv = N'h\u00e9llo \u00fcn\u00efcode \u2713', v = 'plain', vb = 0x0102FF, dt = '2024-02-29', "
                        + "tm = '23:59:59.1234567', dt2 = '2024-02-29 12:34:56.1234567', "
                        + "dtm = '2024-02-29 12:34:56.123', u = '6F9619FF-8B86-D011-B42D-00C04FC964FF' WHERE id = 1")
                .sql("INSERT INTO all_types (id) VALUES (2)")
                .sql("SELECT i, b, sm, ti, bt, f, r, d, n, nv, v, nvm, vm, vb, vbm, dt, tm, dt2, dtm, u "
                        + "FROM all_types ORDER BY id")
                .run();
        assertThat(report.serverErrors()).as(report.toString()).isEmpty();
        List<Outcome> outcomes = report.statements();
        assertThat(outcomes.get(1).rowCount()).isEqualTo(1);
        assertThat(outcomes.get(2).rowCount()).isEqualTo(1);
        TediousReport.ResultSet rs = outcomes.get(4).resultSets().get(0);
        assertThat(rs.columnTypes()).containsExactly("IntN", "IntN", "IntN", "IntN", "BitN", "FloatN", "FloatN",
                "DecimalN", "DecimalN", "NVarChar", "NVarChar", "NVarChar", "NVarChar", "VarBinary", "VarBinary",
                "Date", "Time", "DateTime2", "DateTimeN", "UniqueIdentifier");
        assertThat(rs.rows()).hasSize(2);
        List<Object> row = rs.rows().get(0);
        assertThat(row.get(0)).isEqualTo(new BigDecimal("2147483647"));
        // tedious returns bigint as a string: a JS number cannot hold 2^63-1
        assertThat(row.get(1)).isEqualTo("9223372036854775807");
        assertThat(row.get(2)).isEqualTo(new BigDecimal("-32768"));
        assertThat(row.get(3)).isEqualTo(new BigDecimal("127"));
        assertThat(row.get(4)).isEqualTo(true);
        assertThat(((BigDecimal) row.get(5)).doubleValue()).isEqualTo(1.5E300);
        assertThat(((BigDecimal) row.get(6)).floatValue()).isEqualTo(3.25f);
        assertThat((BigDecimal) row.get(7)).isEqualByComparingTo("123456789.125");
        assertThat((BigDecimal) row.get(8)).isEqualByComparingTo("12345");
        assertThat(row.get(9)).isEqualTo("h\u00e9llo \u00fcn\u00efcode \u2713");
        assertThat(row.get(10)).isEqualTo("plain");
        assertThat(row.get(11)).isEqualTo(LONG_TEXT);
        assertThat(row.get(12)).isEqualTo(LONG_TEXT.toUpperCase());
        assertThat(row.get(13)).isEqualTo(Map.of("hex", "0102ff"));
        assertThat(row.get(14)).isEqualTo(Map.of("hex", LONG_HEX));
        // tedious decodes date/time as UTC Dates (useUTC defaults to true) plus the digits below a millisecond
        assertThat(dateOf(row.get(15))).isEqualTo("2024-02-29T00:00:00.000Z");
        assertThat(dateOf(row.get(16))).isEqualTo("1970-01-01T23:59:59.123Z");
        assertThat(subMillisOf(row.get(16))).isEqualByComparingTo("0.0004567");
        assertThat(dateOf(row.get(17))).isEqualTo("2024-02-29T12:34:56.123Z");
        assertThat(subMillisOf(row.get(17))).isEqualByComparingTo("0.0004567");
        assertThat(dateOf(row.get(18))).isEqualTo("2024-02-29T12:34:56.123Z");
        assertThat(row.get(19)).isEqualTo("6F9619FF-8B86-D011-B42D-00C04FC964FF");
        assertThat(rs.rows().get(1)).hasSize(20).containsOnlyNulls();
    }

    @Test
    void parametersGoThroughSpExecuteSql() {
        String guid = "0E984725-C51C-4BF4-9960-E1C80E27ABA0";
        TediousReport report = client()
                .sql("CREATE TABLE people (id int, name nvarchar(100), score decimal(10,2), big bigint, born datetime2, "
                        + "photo varbinary(max), tag uniqueidentifier, ok bit)")
                .sql("INSERT INTO people VALUES (@id, @name, @score, @big, @born, @photo, @tag, @ok)", List.of(
                        Parameter.of("id", "Int", 7),
                        Parameter.of("name", "NVarChar", "n\u00e4me \u2713"),
                        new Parameter("score", "Decimal", "12.25", Map.of("precision", 10, "scale", 2)),
                        Parameter.of("big", "BigInt", "-9007199254740993"),
                        new Parameter("born", "DateTime2", "2020-01-02T10:00:00.500Z", Map.of("scale", 7)),
                        Parameter.of("photo", "VarBinary", "00fe01"),
                        Parameter.of("tag", "UniqueIdentifier", guid),
                        Parameter.of("ok", "Bit", true)))
                .sql("INSERT INTO people (id, name) VALUES (@id, @name)", List.of(
                        Parameter.of("id", "Int", 8), Parameter.of("name", "NVarChar", null)))
                .sql("SELECT name, score, big, born, photo, tag, ok FROM people WHERE id >= @min AND id < @max ORDER BY id",
                        List.of(Parameter.of("min", "Int", 7), Parameter.of("max", "BigInt", "100")))
                .run();
        assertThat(report.serverErrors()).as(report.toString()).isEmpty();
        assertThat(report.statements().get(1).rowCount()).isEqualTo(1);
        assertThat(report.statements().get(2).rowCount()).isEqualTo(1);
        List<List<Object>> rows = report.statements().get(3).resultSets().get(0).rows();
        assertThat(rows).hasSize(2);
        List<Object> row = rows.get(0);
        assertThat(row.get(0)).isEqualTo("n\u00e4me \u2713");
        assertThat((BigDecimal) row.get(1)).isEqualByComparingTo("12.25");
        assertThat(row.get(2)).isEqualTo("-9007199254740993");
        assertThat(dateOf(row.get(3))).isEqualTo("2020-01-02T10:00:00.500Z");
        assertThat(row.get(4)).isEqualTo(Map.of("hex", "00fe01"));
        assertThat(row.get(5)).isEqualTo(guid);
        assertThat(row.get(6)).isEqualTo(true);
        assertThat(rows.get(1).get(0)).isNull();
    }

    @Test
    void sqlErrorIsARequestErrorWithTheServerMessageAndTheConnectionSurvives() {
        TediousReport report = client().sql("SELECT * FROM no_such_table").sql("SELECT 2").run();
        TediousReport.Failure error = report.statements().get(0).error();
        assertThat(error).as(report.toString()).isNotNull();
        assertThat(error.name()).isEqualTo("RequestError");
        assertThat(error.code()).isEqualTo("EREQUEST");
        assertThat(error.number()).isEqualTo(208);
        assertThat(error.message()).contains("Table \"no_such_table\" not found");
        assertThat(report.statements().get(1).error()).isNull();
        assertThat(report.statements().get(1).resultSets().get(0).rows()).containsExactly(List.of(new BigDecimal(2)));
    }

    @Test
    void wrongPasswordIsLoginFailed18456() {
        TediousReport report = TediousClient.connectTo(server.host(), server.port()).login(USER, "wrong").sql("SELECT 1").run();
        assertThat(report.connected()).isFalse();
        assertThat(report.connectError().name()).isEqualTo("ConnectionError");
        assertThat(report.connectError().code()).isEqualTo("ELOGIN");
        assertThat(report.connectError().message()).isEqualTo("Login failed for user '" + USER + "'.");
        assertThat(report.serverErrors()).extracting(TediousReport.ServerMessage::number).containsExactly(18456);
        assertThat(report.statements()).isEmpty();
    }

    @Test
    void hundredThousandRowsSumCorrectly() {
        TediousReport report = client().sql("SELECT X, CAST(X AS NVARCHAR(20)) FROM SYSTEM_RANGE(1, 100000)").run();
        List<List<Object>> rows = report.only().resultSets().get(0).rows();
        assertThat(rows).hasSize(100_000);
        long sum = 0;
        for (List<Object> row : rows) {
            // SYSTEM_RANGE yields bigint, which tedious hands over as text
            long value = Long.parseLong((String) row.get(0));
            assertThat(row.get(1)).isEqualTo(Long.toString(value));
            sum += value;
        }
        assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
        assertThat(report.only().rowCount()).isEqualTo(100_000);
    }

    @SuppressWarnings("unchecked")
    static String dateOf(Object cell) {
        return (String) ((Map<String, Object>) cell).get("date");
    }

    @SuppressWarnings("unchecked")
    static BigDecimal subMillisOf(Object cell) {
        return (BigDecimal) ((Map<String, Object>) cell).get("nanosecondsDelta");
    }
}
