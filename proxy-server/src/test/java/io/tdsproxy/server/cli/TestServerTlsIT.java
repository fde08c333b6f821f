package io.tdsproxy.server.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code testserver --encryption ...} as a user runs it: the printed JDBC URL works with mssql-jdbc
 * (FORCE: trustServerCertificate; STRICT: the generated certificate pinned with serverCertificate).
 */
class TestServerTlsIT {

    @ParameterizedTest
    @ValueSource(strings = {"force", "strict"})
    void printedJdbcUrlConnectsUnderEachTlsPolicy(String policy) throws Exception {
        try (JarProcess server = JarProcess.start("testserver", "--port", "0", "--encryption", policy)) {
            assertThat(server.awaitLine("^Encryption: (\\w+)", 60)).isEqualTo(policy.toUpperCase());
            assertThat(server.awaitLine("^Certificate: (CN=localhost), SHA-256 [0-9A-F:]{95}$", 10)).isEqualTo("CN=localhost");
            String url = server.awaitLine("^JDBC:\\s+(\\S+)", 10);
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }
}
