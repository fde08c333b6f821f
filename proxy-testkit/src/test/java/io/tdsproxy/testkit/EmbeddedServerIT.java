package io.tdsproxy.testkit;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lifecycle and robustness of the embedded server over real sockets. */
class EmbeddedServerIT {

    private static Connection connect(EmbeddedTdsServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), EmbeddedTdsServer.DEFAULT_USER, EmbeddedTdsServer.DEFAULT_PASSWORD);
    }

    private static int selectInt(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (EmbeddedTdsServer server = EmbeddedTdsServer.builder().build().start();
             Connection healthy = connect(server)) {
            for (byte[] garbage : new byte[][] {
                    "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    {0x12, 0x01, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00},
                    {0x01, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00}}) {
                try (Socket s = new Socket(server.host(), server.port())) {
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    out.write(garbage);
                    out.flush();
                    InputStream in = s.getInputStream();
                    // the server answers nothing useful and closes: read reaches end of stream
                    while (in.read() >= 0) {
                        // drain whatever came
                    }
                }
            }
            assertThat(selectInt(healthy, "SELECT 7")).isEqualTo(7);
            try (Connection fresh = connect(server)) {
                assertThat(selectInt(fresh, "SELECT 8")).isEqualTo(8);
            }
        }
    }

    @Test
    void defaultLoginAndUnsupportedTsqlBitsThatH2Handles() throws Exception {
        try (EmbeddedTdsServer server = EmbeddedTdsServer.builder().build().start(); Connection c = connect(server);
             Statement s = c.createStatement()) {
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:sqlserver://127.0.0.1:" + server.port()
                    + ";databaseName=master;encrypt=false");
            try (ResultSet rs = s.executeQuery("SELECT TOP 2 X, CAST(X AS NVARCHAR(MAX)), NEWID(), GETDATE(), "
                    + "ISNULL(NULL, N'd'), LEN(N'abc') FROM SYSTEM_RANGE(1, 10) ORDER BY X DESC")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10);
                assertThat(rs.getString(2)).isEqualTo("10");
                assertThat(rs.getString(3)).hasSize(36);
                assertThat(rs.getTimestamp(4)).isNotNull();
                assertThat(rs.getString(5)).isEqualTo("d");
                assertThat(rs.getInt(6)).isEqualTo(3);
                assertThat(rs.next()).isTrue();
                assertThat(rs.next()).isFalse();
            }
            s.execute("USE master");
            assertThatThrownBy(() -> s.execute("USE other"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Database 'other' does not exist");
            assertThat(selectInt(c, "SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void serversHaveSeparateDatabasesAndDirectAccess() throws Exception {
        try (EmbeddedTdsServer a = EmbeddedTdsServer.builder().build().start();
             EmbeddedTdsServer b = EmbeddedTdsServer.builder().build().start()) {
            try (Connection direct = a.openDatabaseConnection(); Statement s = direct.createStatement()) {
                s.execute("CREATE TABLE seeded (v int)");
                s.execute("INSERT INTO seeded VALUES (5)");
            }
            try (Connection ca = connect(a); Connection cb = connect(b)) {
                assertThat(selectInt(ca, "SELECT v FROM dbo.seeded")).isEqualTo(5);
                assertThatThrownBy(() -> selectInt(cb, "SELECT v FROM seeded")).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void closeEndsConnectionsAndFreesThePort() throws Exception {
        EmbeddedTdsServer server = EmbeddedTdsServer.builder().build().start();
        int port = server.port();
        Connection c = connect(server);
        server.close();
        server.close(); // idempotent
        assertThatThrownBy(() -> selectInt(c, "SELECT 1")).isInstanceOf(SQLException.class);
        c.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
