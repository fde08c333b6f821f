package io.tdsproxy.testkit.encryption;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.tls.TestTrust;
import io.tdsproxy.tls.TdsAlpn;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mssql-jdbc 13.2 talking directly to the embedded server under each {@link BackendEncryption}: what a
 * real driver accepts (login-only, full TLS, TDS 8.0 strict with ALPN) and refuses (untrusted or
 * misnamed certificate, encryption the server cannot give), with the mode the server recorded.
 */
class JdbcEncryptionIT {
    static final String USER = "sa";
    static final String PASSWORD = "Enc!pw-2026";
    static final Duration WAIT = Duration.ofSeconds(20);

    static EmbeddedTdsServer start(BackendEncryption encryption, boolean acceptStrict, String protocols) {
        EmbeddedTdsServer.Builder b = EmbeddedTdsServer.builder().login(USER, PASSWORD).encryption(encryption);
        if (encryption.needsCertificate()) {
            b.certificate(TestTrust.serverKeyMaterial()).acceptStrict(acceptStrict).tlsProtocols(protocols);
        }
        return b.build().start();
    }

    static String url(EmbeddedTdsServer server, String encrypt) {
        return "jdbc:sqlserver://127.0.0.1:" + server.port() + ";databaseName=master;loginTimeout=15;encrypt=" + encrypt;
    }

    /** Logs in, runs a query whose answer depends on the server, and returns the server's record. */
    static ConnectionSecurity connectAndQuery(EmbeddedTdsServer server, String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 6 * 7, DB_NAME()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(rs.getString(2)).isEqualTo("master");
        }
        List<ConnectionSecurity> records = server.connections();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).outcome()).isEqualTo(Outcome.LOGIN_RECEIVED);
        return records.get(0);
    }

    static ConnectionSecurity onlyRecord(EmbeddedTdsServer server) throws InterruptedException, TimeoutException {
        List<ConnectionSecurity> records = server.awaitConnections(1, WAIT);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void offWithEncryptFalseIsLoginOnly() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            // login-only: mssql-jdbc does not validate the certificate (protocol.md 3.3), no trust store needed
            ConnectionSecurity r = connectAndQuery(server, url(server, "false"));
            assertThat(r.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
            assertThat(r.alpn()).isEmpty();
        }
    }

    @Test
    void offWithEncryptTrueIsFullTls() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2")) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "true") + TestTrust.jdbcTrust());
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x01));
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
            assertThat(r.cipherSuite()).isPresent();
        }
    }

    @Test
    void forceWithEncryptFalseIsFullTls() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2,1.3")) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "false") + TestTrust.jdbcTrust());
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
            assertThat(r.tlsProtocol()).as("TDS 7.x never TLS 1.3").contains("TLSv1.2");
        }
    }

    @Test
    void forceWithEncryptTrueIsFullTls() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "true") + TestTrust.jdbcTrust());
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x01));
        }
    }

    @Test
    void untrustedCertificateFails() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(server, "true"), USER, PASSWORD).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("PKIX path building failed");
            ConnectionSecurity r = onlyRecord(server);
            assertThat(r.outcome()).isEqualTo(Outcome.TLS_FAILED);
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
        }
    }

    @Test
    void hostNameInCertificateMismatchFails() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            String trustButWrongName = TestTrust.jdbcTrust().replace("hostNameInCertificate=db.tdsproxy.test",
                    "hostNameInCertificate=other.tdsproxy.test");
            assertThatThrownBy(() -> DriverManager.getConnection(url(server, "true") + trustButWrongName, USER,
                    PASSWORD).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Failed to validate the server name \"other.tdsproxy.test\"");
            assertThat(onlyRecord(server).outcome()).isEqualTo(Outcome.TLS_FAILED);
        }
    }

    @Test
    void encryptTrueAgainstNotSupIsRefusedByTheDriver() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.NOT_SUP, false, null)) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(server, "true"), USER, PASSWORD).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("the server is not configured to support SSL");
            ConnectionSecurity r = onlyRecord(server);
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.mode()).isEqualTo(EncryptionMode.PLAINTEXT);
        }
    }

    @Test
    void notSupWithEncryptFalseIsPlaintext() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.NOT_SUP, false, null)) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "false"));
            assertThat(r.mode()).isEqualTo(EncryptionMode.PLAINTEXT);
            assertThat(r.tlsProtocol()).isEmpty();
        }
    }

    @Test
    void strictWithTls13AndAlpn() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.STRICT, false, "1.2,1.3")) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "strict") + TestTrust.jdbcTrust());
            assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
            assertThat(r.tlsProtocol()).contains("TLSv1.3");
            assertThat(r.alpn()).contains(TdsAlpn.TDS_8_0);
            assertThat(r.clientEncryption()).as("PRELOGIN inside TLS").isPresent();
        }
    }

    @Test
    void strictWithTls12Only() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.STRICT, false, "1.2")) {
            ConnectionSecurity r = connectAndQuery(server, url(server, "strict") + TestTrust.jdbcTrust());
            assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
            assertThat(r.alpn()).contains(TdsAlpn.TDS_8_0);
        }
    }

    @Test
    void strictOnlyServerRefusesTds7LoginWithItsReason() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.STRICT, false, "1.2,1.3")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(server, "true") + TestTrust.jdbcTrust(), USER,
                    PASSWORD).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("accepts only TDS 8.0 connections");
            // mssql-jdbc retries a login refused with an error other than 18456 (connectRetryCount)
            assertThat(server.awaitConnections(1, WAIT)).allSatisfy(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            });
        }
    }

    @Test
    void acceptStrictServesBothGenerationsOnOnePort() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, true, "1.2,1.3")) {
            try (Connection strict = DriverManager.getConnection(url(server, "strict") + TestTrust.jdbcTrust(), USER, PASSWORD);
                 Connection tds7 = DriverManager.getConnection(url(server, "true") + TestTrust.jdbcTrust(), USER, PASSWORD)) {
                assertThat(strict.isValid(5)).isTrue();
                assertThat(tds7.isValid(5)).isTrue();
            }
            assertThat(server.connections()).extracting(ConnectionSecurity::mode)
                    .containsExactly(EncryptionMode.STRICT, EncryptionMode.FULL_TLS);
        }
    }

    @Test
    void serverWithoutStrictClosesATls8Client() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2,1.3")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(server, "strict") + TestTrust.jdbcTrust(), USER,
                    PASSWORD).close())
                    .isInstanceOf(SQLException.class);
            ConnectionSecurity r = onlyRecord(server);
            assertThat(r.outcome()).isEqualTo(Outcome.CLOSED);
            assertThat(r.mode()).isEqualTo(EncryptionMode.PLAINTEXT);
        }
    }

    @Test
    void tds7ClientAskingForTls13GetsTls12() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2,1.3")) {
            // sslProtocol=TLSv1.3 makes JSSE offer 1.3 and 1.2; the TDS 7.x path must pick 1.2 (protocol.md 4.5)
            ConnectionSecurity r = connectAndQuery(server, url(server, "true") + TestTrust.jdbcTrust() + ";sslProtocol=TLSv1.3");
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    @Test
    void largestPacketSizeIsCappedForTls() throws SQLException {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            // mssql-jdbc refuses a negotiated packet size above 16384 on an encrypted connection
            ConnectionSecurity r = connectAndQuery(server, url(server, "true") + TestTrust.jdbcTrust() + ";packetSize=32767");
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
        }
    }

    @Test
    void strictAndFullTlsWithTheJdkProvider() throws SQLException {
        try (EmbeddedTdsServer server = EmbeddedTdsServer.builder().login(USER, PASSWORD)
                .encryption(BackendEncryption.FORCE).acceptStrict(true).certificate(TestTrust.serverKeyMaterial())
                .tlsProvider(TlsProvider.JDK).build().start()) {
            DriverManager.getConnection(url(server, "strict") + TestTrust.jdbcTrust(), USER, PASSWORD).close();
            DriverManager.getConnection(url(server, "false") + TestTrust.jdbcTrust(), USER, PASSWORD).close();
            assertThat(server.connections()).hasSize(2);
            ConnectionSecurity strict = server.connections().get(0);
            assertThat(strict.mode()).isEqualTo(EncryptionMode.STRICT);
            assertThat(strict.alpn()).contains(TdsAlpn.TDS_8_0);
            assertThat(strict.tlsProtocol()).contains("TLSv1.3");
            ConnectionSecurity tds7 = server.connections().get(1);
            assertThat(tds7.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(tds7.tlsProtocol()).contains("TLSv1.2");
        }
    }
}
