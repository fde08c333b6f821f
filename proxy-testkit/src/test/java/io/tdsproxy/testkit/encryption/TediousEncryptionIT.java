package io.tdsproxy.testkit.encryption;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.clients.TediousClient;
import io.tdsproxy.testkit.clients.TediousReport;
import io.tdsproxy.testkit.tls.TestTrust;
import io.tdsproxy.tls.TdsAlpn;
import io.tdsproxy.tls.TestPki;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.PASSWORD;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.USER;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tedious (Node.js, OpenSSL) against the embedded server: TDS 8.0 strict with ALPN and SNI, full TDS
 * 7.x TLS, and its own refusal of a server that forces encryption while {@code encrypt: false} (tedious
 * sends ENCRYPT_NOT_SUP and gives up on the ENCRYPT_REQ reply), through the shared {@link TediousClient}
 * (which fails, never skips, when tedious is not installed).
 */
class TediousEncryptionIT {

    static TediousClient client(EmbeddedTdsServer server) {
        return TediousClient.connectTo("127.0.0.1", server.port()).login(USER, PASSWORD).database("master")
                .sql("SELECT 6 * 7 AS answer");
    }

    static void answered(TediousReport report) {
        assertThat(report.connectError()).as(report.toString()).isNull();
        assertThat(report.only().resultSets().get(0).rows()).containsExactly(List.of(BigDecimal.valueOf(42)));
    }

    @Test
    void strictWithAlpnAndSni() {
        try (EmbeddedTdsServer server = start(BackendEncryption.STRICT, false, "1.2,1.3")) {
            TediousReport report = client(server).encryptStrict().trustedCa(TestTrust.caPem()).serverName(TestPki.HOST).run();
            answered(report); // (client.js reports Node's TLS details for TDS 7.x only)
            ConnectionSecurity r = server.connections().get(0);
            assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
            assertThat(r.alpn()).contains(TdsAlpn.TDS_8_0);
            assertThat(r.sni()).contains(TestPki.HOST);
            assertThat(r.tlsProtocol()).contains("TLSv1.3");
        }
    }

    @Test
    void encryptTrueAgainstOffIsFullTls() {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            TediousReport report = client(server).encrypt(true).trustedCa(TestTrust.caPem()).serverName(TestPki.HOST).run();
            answered(report);
            ConnectionSecurity r = server.connections().get(0);
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    @Test
    void encryptFalseAgainstForceIsRefusedWithTediousOwnMessage() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            TediousReport report = client(server).encrypt(false).run();
            assertThat(report.connected()).isFalse();
            assertThat(report.connectError().fullMessage())
                    .contains("Server requires encryption, set 'encrypt' config option to true.");
            ConnectionSecurity r = server.awaitConnections(1, Duration.ofSeconds(20)).get(0);
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.clientEncryption()).hasValue(0x02);
        }
    }
}
