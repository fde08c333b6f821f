package io.tdsproxy.testkit.jdbc;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scenarios every JDBC driver must pass against the embedded server over a real socket. Subclasses
 * say how to connect and what their driver reports for a cancel.
 */
abstract class JdbcScenarios {
    static final String USER = "tester";
    static final String PASSWORD = "S3cret!pw";
    static EmbeddedTdsServer server;

    /** A long string (more than nvarchar(4000) holds) and a long binary value, for the MAX types. */
    static final String LONG_TEXT = "0123456789abcdefghij".repeat(600);
    static final byte[] LONG_BYTES = new byte[20_000];

    static {
        for (int i = 0; i < LONG_BYTES.length; i++) {
            LONG_BYTES[i] = (byte) (i * 31);
        }
    }

    @BeforeAll
    static void startServer() {
        server = EmbeddedTdsServer.builder().login(USER, PASSWORD).database("testdb").build().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    abstract Connection connect(String user, String password) throws SQLException;

    /** The message the driver gives a statement stopped by {@code Statement.cancel()}. */
    abstract String cancelMessage();

    /** Whether the driver speaks TDS 7.3+ (date/time types on the wire instead of text). */
    abstract boolean modernTypes();

    Connection connect() throws SQLException {
        return connect(USER, PASSWORD);
    }

    @Test
    void selectOne() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void probesAnswerPlausibly() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@VERSION, @@SPID, DB_NAME(), SCHEMA_NAME(), @@TRANCOUNT, "
                     + "@@MAX_PRECISION, SERVERPROPERTY('ProductVersion'), SUSER_SNAME()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("Microsoft SQL Server 2022");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(51);
            assertThat(rs.getString(3)).isEqualTo("testdb");
            assertThat(rs.getString(4)).isEqualTo("dbo");
            assertThat(rs.getInt(5)).isZero();
            assertThat(rs.getInt(6)).isEqualTo(38);
            assertThat(rs.getString(7)).startsWith("16.0.");
            assertThat(rs.getString(8)).isEqualTo(USER);
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("16.");
        }
    }

    @Test
    void everyTypeRoundTripsWithNulls() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE all_types_" + suffix() + " (id int primary key, i int, b bigint, sm smallint, ti tinyint, "
                    + "bt bit, f float, r real, d decimal(12,3), n numeric(5,0), nv nvarchar(50), v varchar(20), "
                    + "nvm nvarchar(max), vm varchar(max), vb varbinary(10), vbm varbinary(max), dt date, tm time(7), "
                    + "dt2 datetime2(7), dtm datetime, u uniqueidentifier)");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO all_types_" + suffix()
                    + " (id, nvm, vm, vbm) VALUES (1, ?, ?, ?)")) {
                ins.setString(1, LONG_TEXT);
                ins.setString(2, LONG_TEXT.toUpperCase());
                ins.setBytes(3, LONG_BYTES);
                assertThat(ins.executeUpdate()).isEqualTo(1);
            }
            assertThat(s.executeUpdate("UPDATE all_types_" + suffix() + " SET i = 2147483647, b = 9223372036854775807, "
                    + "sm = -32768, ti = 127, bt = 1, f = 1.5E300, r = 3.25, d = 123456789.125, n = 12345, "
                    + "nv = N'h\u00e9llo \u00fcn\u00efcode \u2713', v = 'plain', vb = 0x0102FF, dt = '2024-02-29', "
                    + "tm = '23:59:59.1234567', dt2 = '2024-02-29 12:34:56.1234567', dtm = '2024-02-29 12:34:56.123', "
                    + "u = '6F9619FF-8B86-D011-B42D-00C04FC964FF' WHERE id = 1")).isEqualTo(1);
            s.executeUpdate("INSERT INTO all_types_" + suffix() + " (id) VALUES (2)");

            try (ResultSet rs = s.executeQuery("SELECT i, b, sm, ti, bt, f, r, d, n, nv, v, nvm, vm, vb, vbm, dt, tm, dt2, dtm, u "
                    + "FROM all_types_" + suffix() + " ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(Integer.MAX_VALUE);
                assertThat(rs.getLong(2)).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getShort(3)).isEqualTo(Short.MIN_VALUE);
                assertThat(rs.getInt(4)).isEqualTo(127);
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getDouble(6)).isEqualTo(1.5E300);
                assertThat(rs.getFloat(7)).isEqualTo(3.25f);
                assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("123456789.125");
                assertThat(rs.getBigDecimal(9)).isEqualByComparingTo("12345");
                assertThat(rs.getString(10)).isEqualTo("h\u00e9llo \u00fcn\u00efcode \u2713");
                assertThat(rs.getString(11)).isEqualTo("plain");
                assertThat(rs.getString(12)).isEqualTo(LONG_TEXT);
                assertThat(rs.getString(13)).isEqualTo(LONG_TEXT.toUpperCase());
                assertThat(rs.getBytes(14)).containsExactly(1, 2, 0xFF);
                assertThat(rs.getBytes(15)).isEqualTo(LONG_BYTES);
                assertThat(rs.getString(16)).isEqualTo("2024-02-29");
                assertThat(rs.getString(17)).isEqualTo("23:59:59.1234567");
                assertThat(rs.getString(18)).isEqualTo("2024-02-29 12:34:56.1234567");
                assertThat(rs.getTimestamp(19)).isEqualTo(Timestamp.valueOf("2024-02-29 12:34:56.123"));
                assertThat(rs.getString(20)).isEqualToIgnoringCase("6F9619FF-8B86-D011-B42D-00C04FC964FF");
                if (modernTypes()) {
                    assertThat(rs.getObject(16, java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
                    assertThat(rs.getObject(18, java.time.LocalDateTime.class))
                            .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_700));
                    assertThat(rs.getMetaData().getColumnType(16)).isEqualTo(Types.DATE);
                    assertThat(rs.getMetaData().getColumnType(17)).isEqualTo(Types.TIME);
                    assertThat(rs.getMetaData().getColumnTypeName(18)).isEqualTo("datetime2");
                }
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("int");
                assertThat(rs.getMetaData().getColumnTypeName(19)).isEqualTo("datetime");
                assertThat(rs.getMetaData().getColumnTypeName(20)).isEqualTo("uniqueidentifier");

                assertThat(rs.next()).isTrue();
                for (int col = 1; col <= 20; col++) {
                    assertThat(rs.getObject(col)).as("column %d of the NULL row", col).isNull();
                    assertThat(rs.wasNull()).isTrue();
                }
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void preparedStatementBindsParametersAcrossExecutions() throws SQLException {
        String table = "people_" + suffix();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int, name nvarchar(100), score decimal(10,2), born datetime2, "
                    + "photo varbinary(max), tag uniqueidentifier)");
            UUID tag = UUID.fromString("0E984725-C51C-4BF4-9960-E1C80E27ABA0");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 4; i++) {
                    ins.setInt(1, i);
                    ins.setString(2, "name-" + i + " \u00e9");
                    ins.setBigDecimal(3, new BigDecimal(i + ".25"));
                    ins.setTimestamp(4, Timestamp.valueOf("2020-01-0" + i + " 10:00:00.5"));
                    if (i == 3) {
                        ins.setNull(5, Types.VARBINARY);
                    } else {
                        ins.setBytes(5, new byte[] {(byte) i, 0, (byte) 0xFE});
                    }
                    ins.setString(6, tag.toString());
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT name, score, born, photo FROM " + table
                    + " WHERE id >= ? AND name LIKE ? ORDER BY id")) {
                for (int round = 0; round < 3; round++) {
                    q.setInt(1, 2);
                    q.setString(2, "name-%");
                    try (ResultSet rs = q.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("name-2 \u00e9");
                        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("2.25");
                        assertThat(rs.getTimestamp(3)).isEqualTo(Timestamp.valueOf("2020-01-02 10:00:00.5"));
                        assertThat(rs.getBytes(4)).containsExactly(2, 0, 0xFE);
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getBytes(4)).isNull();
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("name-4 \u00e9");
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void sqlErrorBecomesSqlExceptionWithH2MessageAndConnectionSurvives() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Table \"no_such_table\" not found")
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(208));
            try (ResultSet rs = s.executeQuery("SELECT 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void wrongPasswordIsLoginFailed18456() {
        assertThatThrownBy(() -> connect(USER, "wrong").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Login failed for user '" + USER + "'.")
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(18456));
    }

    @Test
    void hundredThousandRowsSumCorrectly() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT X, CAST(X AS NVARCHAR(20)) FROM SYSTEM_RANGE(1, 100000)")) {
            long sum = 0;
            long rows = 0;
            while (rs.next()) {
                sum += rs.getLong(1);
                assertThat(rs.getString(2)).isEqualTo(Long.toString(rs.getLong(1)));
                rows++;
            }
            assertThat(rows).isEqualTo(100_000);
            assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
        }
    }

    @Test
    void batchWithSeveralResultsAndCounts() throws SQLException {
        String table = "counts_" + suffix();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (v int)");
            boolean isResult = s.execute("INSERT INTO " + table + " VALUES (1), (2), (3); SELECT 'a' AS x; "
                    + "UPDATE " + table + " SET v = v + 1 WHERE v > 1; SELECT SUM(v) FROM " + table);
            assertThat(isResult).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(3);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("x")).isEqualTo("a");
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1 + 3 + 4);
            }
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
    }

    @Test
    void transactionsCommitAndRollBack() throws SQLException {
        String table = "tx_" + suffix();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (v int)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO " + table + " VALUES (1)");
            c.rollback();
            s.executeUpdate("INSERT INTO " + table + " VALUES (2)");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(v) FROM " + table)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getInt(2)).isEqualTo(2);
            }
        }
    }

    @Test
    void batchesAndGeneratedKeys() throws SQLException {
        String table = "batched_" + suffix();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int identity primary key, v nvarchar(10))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (v) VALUES (?)")) {
                for (int i = 0; i < 5; i++) {
                    ins.setString(1, "v" + i);
                    ins.addBatch();
                }
                assertThat(ins.executeBatch()).containsExactly(1, 1, 1, 1, 1);
            }
            s.addBatch("INSERT INTO " + table + " (v) VALUES ('a')");
            s.addBatch("UPDATE " + table + " SET v = 'b' WHERE id <= 2");
            assertThat(s.executeBatch()).containsExactly(1, 2);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (v) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, "k");
                assertThat(ins.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(7);
                }
            }
        }
    }

    @Test
    void cancelStopsALongQueryAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException failure = runAndCancel(s, () -> {
                try (ResultSet rs = s.executeQuery("SELECT SUM(a.X + b.X) FROM SYSTEM_RANGE(1, 100000000) a "
                        + "CROSS JOIN SYSTEM_RANGE(1, 100000000) b")) {
                    rs.next();
                }
            });
            assertThat(failure.getMessage()).contains(cancelMessage());
            assertUsable(c);
        }
    }

    @Test
    void cancelStopsWaitFor() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            SQLException failure = runAndCancel(s, () -> s.execute("WAITFOR DELAY '01:00:00'"));
            assertThat(failure.getMessage()).contains(cancelMessage());
            assertUsable(c);
        }
    }

    @Test
    void cancelWhileAHugeResultIsStreamingStopsItAndTheConnectionStaysUsable() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            long read = 0;
            boolean failed = false;
            try (ResultSet rs = s.executeQuery("SELECT X, REPEAT('r', 500) FROM SYSTEM_RANGE(1, 1000000000)")) {
                while (read < 2000 && rs.next()) {
                    read++;
                }
                s.cancel();
                try {
                    while (rs.next()) {
                        read++;
                    }
                } catch (SQLException e) {
                    failed = true;
                    assertThat(e.getMessage()).contains(cancelMessage());
                }
            } catch (SQLException e) {
                // a driver may report the cancel when the result set is closed
                failed = true;
                assertThat(e.getMessage()).contains(cancelMessage());
            }
            assertThat(failed).as("the driver reports the cancel").isTrue();
            assertThat(read).isGreaterThanOrEqualTo(2000L);
            assertUsable(c);
        }
    }

    /** Runs {@code body} on another thread and cancels it until it fails; returns its exception. */
    static SQLException runAndCancel(Statement s, SqlBody body) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "cancel-target");
        t.start();
        // A cancel sent before the driver has started executing is a no-op, so repeat until it bites.
        while (t.isAlive()) {
            Thread.sleep(200);
            s.cancel();
            t.join(1000);
        }
        assertThat(thrown.get()).as("the cancelled statement must fail").isInstanceOf(SQLException.class);
        return (SQLException) thrown.get();
    }

    static void assertUsable(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    /** A per-class table suffix, so that the driver subclasses never share tables. */
    String suffix() {
        return getClass().getSimpleName().toLowerCase();
    }

    @FunctionalInterface
    interface SqlBody {
        void run() throws SQLException;
    }
}
