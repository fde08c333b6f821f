package io.tdsproxy.testkit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * jTDS 1.3.1 (default {@code ssl=off}: no PRELOGIN, LOGIN7 first; TDS 7.1, so date/time values come
 * as text and the MAX types as NTEXT/IMAGE) against the embedded server.
 */
class JdbcJtdsIT extends JdbcScenarios {

    @Override
    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:jtds:sqlserver://" + server.host() + ":" + server.port() + "/"
                + server.database() + ";loginTimeout=15", user, password);
    }

    @Override
    String cancelMessage() {
        return "Cancel has been invoked on this Statement.";
    }

    @Override
    boolean modernTypes() {
        return false;
    }
}
