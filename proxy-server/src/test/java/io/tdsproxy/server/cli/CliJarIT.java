package io.tdsproxy.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The executable jar's commands, run as a user runs them: a separate JVM and real sockets. */
class CliJarIT {

    @Test
    void demoRunsOneEncryptedJdbcQueryThroughTheProxy() throws Exception {
        try (JarProcess demo = JarProcess.start("demo", "--exit", "--port", "0")) {
            String output = demo.outputUntilExit(120);
            assertThat(demo.exitCode()).as(output).isZero();
            assertThat(output).contains("JDBC query through the proxy: hello through tdsproxy, 42")
                    .containsPattern("Client leg: FULL_TLS, TLSv1\\.2, TLS_\\w+")
                    .contains("sqlcmd:", "JDBC:", "ODBC:", "ADO.NET:");
        }
    }

    @Test
    void testserverAcceptsTheLoginsGivenOnTheCommandLine() throws Exception {
        try (JarProcess server = JarProcess.start("testserver", "--port", "0", "--login", "app:Secret123!")) {
            int port = Integer.parseInt(server.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", 60));
            String url = "jdbc:sqlserver://127.0.0.1:" + port + ";encrypt=false";
            try (Connection connection = DriverManager.getConnection(url, "app", "Secret123!");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 6 * 7")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void testserverPrintsTheDefaultLoginAndAJdbcUrl() throws Exception {
        try (JarProcess server = JarProcess.start("testserver", "--port", "0")) {
            assertThat(server.awaitLine("^Login: (.*)$", 60)).isEqualTo("sa / TdsProxy!2026");
            String url = server.awaitLine("^JDBC:\\s+(\\S+)", 10);
            try (Connection connection = DriverManager.getConnection(url)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void runRelaysToTheBackendNamedInTheConfigFile(@TempDir Path dir) throws Exception {
        try (JarProcess backend = JarProcess.start("testserver", "--port", "0")) {
            int backendPort = Integer.parseInt(backend.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", 60));
            Path config = dir.resolve("tdsproxy.conf");
            Files.writeString(config, "[network]\nipaddress = 127.0.0.1\ntcpport = 0\n\n[backend]\nhost = 127.0.0.1\nport = "
                    + backendPort + "\n");
            try (JarProcess proxy = JarProcess.start("run", "--config", config.toString())) {
                int proxyPort = Integer.parseInt(proxy.awaitLine("listening on /127\\.0\\.0\\.1:(\\d+)", 60));
                String url = "jdbc:sqlserver://127.0.0.1:" + proxyPort + ";encrypt=false;user=sa;password=TdsProxy!2026";
                try (Connection connection = DriverManager.getConnection(url);
                     Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT DB_NAME()")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("master");
                }
                // The admin listener of run: the login is counted in /metrics and audited on tdsproxy.audit.
                String admin = proxy.awaitLine("admin listener on (http://[^/]+/)", 10);
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(admin + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("tdsproxy_connections_established_total{mode=\"plaintext\"} 1");
                assertThat(proxy.awaitLine("(tdsproxy\\.audit login .*)", 10))
                        .contains("client_mode=\"PLAINTEXT\"", "user=\"sa\"", "tds_version=\"7.4\"")
                        .doesNotContain("TdsProxy!2026");
                // No certificate: SIGHUP has nothing to reload and must not end the proxy (systemctl reload).
                // (The handler is installed before the admin listener, whose line was awaited above.)
                assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(proxy.pid())).start().waitFor()).isZero();
                proxy.awaitLine("SIGHUP: no certificate configured, nothing to reload", 30);
                try (Connection connection = DriverManager.getConnection(url)) {
                    assertThat(connection.isValid(5)).isTrue();
                }
            }
        }
    }

    @Test
    void runNamesTheFileLineAndKeyOfABadSetting(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.conf");
        Files.writeString(config, "[network]\ntcpport = 14x33\n[backend]\nhost = 127.0.0.1\n");
        try (JarProcess proxy = JarProcess.start("run", "--config", config.toString())) {
            String output = proxy.outputUntilExit(60);
            assertThat(proxy.exitCode()).isEqualTo(Main.EXIT_USAGE);
            assertThat(output).contains("bad.conf:2").contains("tcpport");
        }
    }
}
