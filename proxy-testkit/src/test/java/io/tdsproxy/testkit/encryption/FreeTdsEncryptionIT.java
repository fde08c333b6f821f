package io.tdsproxy.testkit.encryption;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.clients.FreeTdsConfig;
import io.tdsproxy.testkit.clients.TsqlClient;
import io.tdsproxy.testkit.clients.TsqlRun;
import io.tdsproxy.testkit.tls.TestTrust;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.PASSWORD;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.USER;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * FreeTDS {@code tsql} (Debian's 1.3.x, GnuTLS: a TLS stack that is neither JSSE nor BoringSSL) against
 * the embedded server's TDS 7.x policies, through main's shared {@link TsqlClient} (a private
 * freetds.conf, certificate and host name checked against the test CA). Needs {@code tsql}
 * ({@code .ci/run} installs freetds-bin): fails, never skips.
 */
class FreeTdsEncryptionIT {
    @TempDir
    Path dir;

    /** Runs {@code SELECT 6 * 7} through tsql with {@code encryption} and certificate validation against {@code ca}. */
    TsqlRun tsql(EmbeddedTdsServer server, FreeTdsConfig.Encryption encryption, Path ca) {
        return TsqlClient.create(FreeTdsConfig.of("127.0.0.1", server.port(), encryption).trusting(ca), dir)
                .login(USER, PASSWORD).run("SELECT 6 * 7 AS answer");
    }

    ConnectionSecurity queryWorks(EmbeddedTdsServer server, FreeTdsConfig.Encryption encryption) {
        TsqlRun run = tsql(server, encryption, TestTrust.caPem());
        assertThat(run.rows()).as(run.describe()).containsExactly(List.of("42"));
        assertThat(server.connections()).as(run.describe()).hasSize(1);
        return server.connections().get(0);
    }

    @Test
    void requestAgainstOffIsLoginOnly() {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            ConnectionSecurity r = queryWorks(server, FreeTdsConfig.Encryption.REQUEST);
            assertThat(r.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
        }
    }

    @Test
    void requireAgainstOffIsFullTls() {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            ConnectionSecurity r = queryWorks(server, FreeTdsConfig.Encryption.REQUIRE);
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    @Test
    void requestAgainstForceIsFullTls() {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            ConnectionSecurity r = queryWorks(server, FreeTdsConfig.Encryption.REQUEST);
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.clientEncryption()).isEqualTo(OptionalInt.of(0x00));
        }
    }

    @Test
    void encryptionOffAgainstForceIsRefusedAfterTheReqReply() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            // FreeTDS "off" claims ENCRYPT_NOT_SUP; the server replies ENCRYPT_REQ and closes (protocol.md 3.2)
            TsqlRun run = tsql(server, FreeTdsConfig.Encryption.OFF, TestTrust.caPem());
            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.records()).as(run.describe()).isEmpty();
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
            TsqlRun run = tsql(server, FreeTdsConfig.Encryption.REQUIRE, otherCa);
            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.records()).as(run.describe()).isEmpty();
            assertThat(server.awaitConnections(1, Duration.ofSeconds(20)).get(0).outcome()).isEqualTo(Outcome.TLS_FAILED);
        }
    }
}
