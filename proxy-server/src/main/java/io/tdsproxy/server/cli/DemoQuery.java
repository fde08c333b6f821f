package io.tdsproxy.server.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo's one real mssql-jdbc query, fully encrypted and with the certificate verified. */
final class DemoQuery {
    private DemoQuery() {
    }

    static String jdbcUrl(int port, DemoCertificates certificates) {
        return "jdbc:sqlserver://localhost:" + port + ";encrypt=true;trustServerCertificate=false"
                + ";trustStore=" + certificates.trustStore() + ";trustStoreType=PKCS12"
                + ";trustStorePassword=" + certificates.trustStorePassword();
    }

    static String run(int port, DemoCertificates certificates, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(port, certificates), user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 'hello through tdsproxy' AS greeting, 40 + 2 AS answer")) {
            rows.next();
            return rows.getString(1) + ", " + rows.getInt(2);
        }
    }
}
