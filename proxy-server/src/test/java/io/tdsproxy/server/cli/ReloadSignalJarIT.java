package io.tdsproxy.server.cli;

import io.tdsproxy.server.proxy.RecordingTrustManager;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGHUP on the real jar ({@code run}, a separate JVM, file watching off so that only the signal can
 * reload): the process survives it, new connections get the new certificate, a connection opened
 * before keeps working, and a broken pair is rejected with the failed check while the old one stays.
 */
class ReloadSignalJarIT {

    private static GeneratedCertificate server(GeneratedCertificate ca, Instant from, Instant to) {
        return CertificateGenerator.builder().subject("localhost").sans("127.0.0.1").issuer(ca).validity(from, to)
                .generate();
    }

    private static void install(GeneratedCertificate pair, Path dir) throws Exception {
        PemFiles.writeCertificates(dir.resolve("server.pem"), pair.chain());
        PemFiles.writePkcs8(dir.resolve("server.key"), pair.key());
    }

    private static void hangUp(JarProcess process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -HUP").isZero();
    }

    private static Connection open(int port, String key) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlserver://localhost:" + port
                + ";user=sa;password=TdsProxy!2026;loginTimeout=15" + RecordingTrustManager.jdbcProperties(key));
    }

    private static void selectOne(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void sighupReloadsTheCertificate(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        GeneratedCertificate ca = CertificateGenerator.builder().subject("tdsproxy SIGHUP test CA").ca(true).generate();
        GeneratedCertificate first = server(ca, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        GeneratedCertificate second = server(ca, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60)));
        RecordingTrustManager.trust(ca.certificate());
        install(first, dir);

        try (JarProcess backend = JarProcess.start("testserver", "--port", "0")) {
            int backendPort = Integer.parseInt(backend.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", 60));
            Path config = dir.resolve("tdsproxy.conf");
            Files.writeString(config, "[network]\nipaddress = 127.0.0.1\ntcpport = 0\ntlscert = server.pem\n"
                    + "tlskey = server.key\n\n[backend]\nhost = 127.0.0.1\nport = " + backendPort + "\n");
            try (JarProcess proxy = JarProcess.start(List.of("-D" + RunCommand.WATCH_PROPERTY + "=false"),
                    "run", "--config", config.toString())) {
                int port = Integer.parseInt(proxy.awaitLine("listening on /127\\.0\\.0\\.1:(\\d+)", 60));
                proxy.awaitLine("SIGHUP reloads the certificate", 30);
                String admin = proxy.awaitLine("admin listener on (http://[^/]+/)", 30);
                String run = "jar-" + System.nanoTime();
                try (Connection before = open(port, run + "-before")) {
                    selectOne(before);
                    assertThat(RecordingTrustManager.serialSeenBy(run + "-before"))
                            .isEqualTo(first.certificate().getSerialNumber());

                    install(second, dir);
                    hangUp(proxy);
                    proxy.awaitLine("certificate reloaded \\(SIGHUP\\)", 30);
                    BigInteger secondSerial = second.certificate().getSerialNumber();
                    try (Connection after = open(port, run + "-after")) {
                        selectOne(after);
                    }
                    assertThat(RecordingTrustManager.serialSeenBy(run + "-after")).isEqualTo(secondSerial);
                    selectOne(before);

                    install(server(ca, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))), dir);
                    hangUp(proxy);
                    String rejected = proxy.awaitLine("(certificate reload \\(SIGHUP\\) rejected: .*)", 30);
                    assertThat(rejected).contains("validity dates", "still serving serial " + secondSerial.toString(16));
                    try (Connection afterBroken = open(port, run + "-broken")) {
                        selectOne(afterBroken);
                    }
                    assertThat(RecordingTrustManager.serialSeenBy(run + "-broken")).isEqualTo(secondSerial);
                    selectOne(before);
                    assertThat(proxy.isAlive()).isTrue();
                    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin + "metrics"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    assertThat(metrics)
                            .contains("tdsproxy_certificate_reloads_total{outcome=\"reloaded\",trigger=\"sighup\"} 1.0")
                            .contains("tdsproxy_certificate_reloads_total{outcome=\"rejected\",trigger=\"sighup\"} 1.0");
                }
            }
        }
    }
}
