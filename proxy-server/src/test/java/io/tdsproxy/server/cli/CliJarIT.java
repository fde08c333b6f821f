package io.tdsproxy.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executable jar's commands, run as a user runs them: a separate JVM and real sockets. */
class CliJarIT {

    @Test
    void demoRunsOneEncryptedJdbcQueryThroughTheProxy() throws Exception {
        try (JarProcess demo = JarProcess.start("demo", "--exit", "--port", "0")) {
            String output = demo.outputUntilExit(120);
            assertThat(demo.exitCode()).as(output).isZero();
            assertThat(output).contains("JDBC query through the proxy: hello through tdsproxy, 42")
                    .containsPattern("Client leg: FULL_TLS, TLS version TLSv1\\.2, cipher TLS_\\w+")
                    .contains("self-signed, freshly generated")
                    .containsPattern("sqlcmd: +sqlcmd -S localhost,\\d+ -N -U sa -P ")
                    .containsPattern("JDBC: +jdbc:sqlserver://localhost:\\d+;encrypt=true;trustServerCertificate=false")
                    .containsPattern("ODBC: +Driver=\\{ODBC Driver 18 for SQL Server\\};Server=localhost,\\d+;Encrypt=yes;"
                            + "TrustServerCertificate=no")
                    .containsPattern("ADO.NET: +Server=localhost,\\d+;Encrypt=True;TrustServerCertificate=False");
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
            // [admin] on a free port: a fixed 9187 would collide with any other proxy on this machine.
            Files.writeString(config, "[network]\nipaddress = 127.0.0.1\ntcpport = 0\n\n[backend]\nhost = 127.0.0.1\nport = "
                    + backendPort + "\n\n[admin]\nport = 0\n");
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

    @Test
    void sigtermDrainsAnInFlightQueryRefusesNewConnectsAndExitsZero(@TempDir Path dir) throws Exception {
        try (JarProcess backend = JarProcess.start("testserver", "--port", "0")) {
            int backendPort = Integer.parseInt(backend.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", 60));
            try (JarProcess proxy = startProxy(dir, backendPort, "30s")) {
                int proxyPort = Integer.parseInt(proxy.awaitLine("listening on /127\\.0\\.0\\.1:(\\d+)", 60));
                CompletableFuture<Integer> query = slowQuery(proxyPort, "00:00:03");
                proxy.awaitLine("conn=1 relaying", 60);
                Thread.sleep(500); // let the WAITFOR reach the backend

                proxy.signal("TERM");

                proxy.awaitLine("draining: listener closed", 30);
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxyPort).close())
                        .isInstanceOf(ConnectException.class);
                assertThat(query.get(60, TimeUnit.SECONDS)).isEqualTo(42);
                String output = proxy.outputUntilExit(60);
                assertThat(proxy.exitCode()).as(output).isZero();
                assertThat(output).contains("drained: every connection ended").contains("0 connections cut off");
            }
        }
    }

    @Test
    void aSecondSigtermClosesAtOnce(@TempDir Path dir) throws Exception {
        try (JarProcess backend = JarProcess.start("testserver", "--port", "0")) {
            int backendPort = Integer.parseInt(backend.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", 60));
            try (JarProcess proxy = startProxy(dir, backendPort, "1h")) {
                int proxyPort = Integer.parseInt(proxy.awaitLine("listening on /127\\.0\\.0\\.1:(\\d+)", 60));
                CompletableFuture<Integer> query = slowQuery(proxyPort, "00:10:00");
                proxy.awaitLine("conn=1 relaying", 60);

                proxy.signal("TERM");
                proxy.awaitLine("draining: listener closed", 30);
                proxy.signal("TERM");

                // Far below the hour of draintimeout and the ten minutes of WAITFOR.
                String output = proxy.outputUntilExit(60);
                assertThat(proxy.exitCode()).as(output).isZero();
                assertThat(output).contains("received again: closing every connection now")
                        .contains("1 connections cut off");
                assertThatThrownBy(() -> query.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                        .hasRootCauseInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void configCheckExitCodes(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.conf"), "[network]\ntcpport = 1533\n[backend]\nhost = db\n");
        try (JarProcess check = JarProcess.start("config", "check", "--config", good.toString())) {
            String output = check.outputUntilExit(60);
            assertThat(check.exitCode()).as(output).isZero();
            assertThat(output).contains(good + ": OK");
        }
        try (JarProcess check = JarProcess.start("config", "check", "--config", good.toString(),
                "--set", "proxy.handshaketimeout=0")) {
            String output = check.outputUntilExit(60);
            assertThat(check.exitCode()).as(output).isEqualTo(Main.EXIT_USAGE);
            assertThat(output).contains("--set proxy.handshaketimeout: [proxy] handshaketimeout = '0' is not valid");
        }
    }

    private static JarProcess startProxy(Path dir, int backendPort, String drainTimeout) throws Exception {
        Path config = dir.resolve("tdsproxy.conf");
        Files.writeString(config, "[network]\nipaddress = 127.0.0.1\ntcpport = 0\n\n[backend]\nhost = 127.0.0.1\nport = "
                + backendPort + "\n\n[proxy]\ndraintimeout = " + drainTimeout + "\n\n[admin]\nport = 0\n");
        return JarProcess.start("run", "--config", config.toString());
    }

    /** {@code WAITFOR DELAY} then {@code SELECT 42} through the proxy, on another thread. */
    private static CompletableFuture<Integer> slowQuery(int proxyPort, String delay) {
        String url = "jdbc:sqlserver://127.0.0.1:" + proxyPort + ";encrypt=false;user=sa;password=TdsProxy!2026";
        return CompletableFuture.supplyAsync(() -> {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement()) {
                statement.execute("WAITFOR DELAY '" + delay + "'");
                try (ResultSet rows = statement.executeQuery("SELECT 42")) {
                    rows.next();
                    return rows.getInt(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
