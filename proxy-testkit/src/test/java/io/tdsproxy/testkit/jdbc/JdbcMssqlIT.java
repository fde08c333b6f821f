package io.tdsproxy.testkit.jdbc;

import com.microsoft.sqlserver.jdbc.SQLServerConnectionPoolDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.PooledConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** mssql-jdbc ({@code encrypt=false}, TDS 7.4) against the embedded server. */
class JdbcMssqlIT extends JdbcScenarios {

    @Override
    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + ";loginTimeout=15", user, password);
    }

    @Override
    String cancelMessage() {
        return "The query was canceled.";
    }

    @Override
    boolean modernTypes() {
        return true;
    }

    /** A pooled connection's second logical connection starts with RESETCONNECTION (MS-TDS 2.2.3.1.2). */
    @Test
    void pooledConnectionIsResetBetweenUses() throws SQLException {
        SQLServerConnectionPoolDataSource ds = new SQLServerConnectionPoolDataSource();
        ds.setURL(server.jdbcUrl());
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        PooledConnection pooled = ds.getPooledConnection();
        try {
            try (Connection c = pooled.getConnection(); Statement s = c.createStatement()) {
                s.execute("SET NOCOUNT ON");
                s.execute("CREATE TABLE pooled_reset (v int)");
            }
            try (Connection c = pooled.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO pooled_reset VALUES (1)")).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pooled_reset")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        } finally {
            pooled.close();
        }
    }
}
