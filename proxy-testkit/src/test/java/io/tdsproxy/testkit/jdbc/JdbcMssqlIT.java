package io.tdsproxy.testkit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
}
