package io.tdsproxy.testkit.encryption;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.clients.ExternalProcess;
import io.tdsproxy.testkit.tls.TestTrust;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;

import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.PASSWORD;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.USER;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FreeTDS {@code tsql} (Debian's 1.3.x, GnuTLS: a TLS stack that is neither JSSE nor BoringSSL) against
 * the embedded server's TDS 7.x policies, configured through a {@code freetds.conf} of its own
 * ({@code FREETDSCONF}). Needs {@code tsql} ({@code .ci/run} installs freetds-bin): fails, never skips.
 */
class FreeTdsEncryptionIT {
    @TempDir
    Path dir;

    /** Runs {@code SELECT 6 * 7} through tsql with {@code encryption = <encryption>} and the given CA file. */
    ExternalProcess.Result tsql(EmbeddedTdsServer server, String encryption, Path caFile) throws IOException {
        Path conf = dir.resolve("freetds.conf");
        Files.writeString(conf, "[embedded]\n\thost = 127.0.0.1\n\tport = " + server.port() + "\n\ttds version = 7.4\n"
                + "\tencryption = " + encryption + "\n\tca file = " + caFile + "\n");
        return ExternalProcess.of("tsql", "-S", "embedded", "-U", USER, "-P", PASSWORD)
                .env("FREETDSCONF", conf.toString())
                .stdin("SELECT 6 * 7\ngo\nexit\n")
                .timeout(Duration.ofSeconds(60))
                .run();
    }

    ConnectionSecurity queryWorks(EmbeddedTdsServer server, String encryption) throws IOException {
        ExternalProcess.Result result = tsql(server, encryption, TestTrust.caPem());
        assertThat(result.stdout()).as(result.describe()).contains("42").contains("(1 row affected)");
        assertThat(server.connections()).as(result.describe()).hasSize(1);
        return server.connections().get(0);
    }

    @Test
    void requestAgainstOffIsLoginOnly() throws IOException {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            ConnectionSecurity r = queryWorks(server, "request");
            assertThat(r.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
        }
    }

    @Test
    void requireAgainstOffIsFullTls() throws IOException {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            ConnectionSecurity r = queryWorks(server, "require");
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    @Test
    void requestAgainstForceIsFullTls() throws IOException {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            ConnectionSecurity r = queryWorks(server, "request");
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
        }
    }

    @Test
    void encryptionOffAgainstForceIsRefusedAfterTheReqReply() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            // FreeTDS "off" claims ENCRYPT_NOT_SUP; the server replies ENCRYPT_REQ and closes (protocol.md 3.2)
            ExternalProcess.Result result = tsql(server, "off", TestTrust.caPem());
            assertThat(result.stdout() + result.stderr()).as(result.describe())
                    .contains("There was a problem connecting to the server").doesNotContain("42");
            ConnectionSecurity r = server.awaitConnections(1, Duration.ofSeconds(20)).get(0);
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x02));
        }
    }

    @Test
    void certificateFromAnotherAuthorityIsRejected() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        PemFiles.writeCertificate(otherCa, CertificateGenerator.builder().subject("some other CA")
                .keyType(KeyType.EC_P256).ca(true).generate().certificate());
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            ExternalProcess.Result result = tsql(server, "require", otherCa);
            assertThat(result.stdout() + result.stderr()).as(result.describe())
                    .contains("There was a problem connecting to the server").doesNotContain("42");
            assertThat(server.awaitConnections(1, Duration.ofSeconds(20)).get(0).outcome()).isEqualTo(Outcome.TLS_FAILED);
        }
    }
}
