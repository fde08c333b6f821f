package io.tdsproxy.server.proxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** mssql-jdbc helpers for the integration tests. */
final class Jdbc {
    static final String USER = "sa";
    static final String PASSWORD = "TdsProxy!2026";

    private Jdbc() {
    }

    /** A URL for {@code localhost:port} with {@code extra} properties ({@code ;k=v} pairs). */
    static String url(int port, String extra) {
        return "jdbc:sqlserver://localhost:" + port + ";user=" + USER + ";password=" + PASSWORD
                + ";loginTimeout=15;applicationName=tdsproxy-it" + extra;
    }

    static String trustStore(TestPki pki) {
        return ";trustStore=" + pki.trustStore + ";trustStorePassword=" + TestPki.TRUST_STORE_PASSWORD
                + ";trustStoreType=PKCS12";
    }

    /** Connects and runs {@code SELECT 1}, returning its value. */
    static int selectOne(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next()) {
                throw new AssertionError("SELECT 1 returned no row");
            }
            return rs.getInt(1);
        }
    }
}
