package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ConfigLoader;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.check.Requirement;
import io.tdsproxy.tls.check.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up runs the {@code cert check} rows: a FAIL stops it with the row's text and the config line. */
class CertificateGateTest {
    @TempDir
    Path dir;

    private ProxyConfig config(Path cert, Path key) throws Exception {
        Path conf = Files.writeString(dir.resolve("tdsproxy.conf"), "[network]\ntcpport = 0\nipaddress = 127.0.0.1\n"
                + "tlscert = " + cert + "\ntlskey = " + key + "\n[backend]\nhost = 127.0.0.1\n");
        return ConfigLoader.load(conf);
    }

    @Test
    void aGoodPairPassesAndTheHostRowOnlyListsTheNames() throws Exception {
        TestPki pki = new TestPki(dir);
        assertThat(CertificateGate.check(config(pki.certificate, pki.key))).hasValueSatisfying(report -> {
            assertThat(report.hasFailures()).isFalse();
            assertThat(report.row(Requirement.HOST_NAME).orElseThrow().verdict()).isEqualTo(Verdict.WARN);
        });
    }

    @Test
    void aWorldReadableKeyStopsStartUpWithTheRowAndTheConfigLine() throws Exception {
        TestPki pki = new TestPki(dir);
        Files.setPosixFilePermissions(pki.key, PosixFilePermissions.fromString("rw-r--r--"));
        ProxyConfig config = config(pki.certificate, pki.key);

        assertThatThrownBy(() -> ProxyServer.builder(config).build().start())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("tdsproxy.conf") + ":4: [network] tlscert")
                .hasMessageContaining("key file permissions: ")
                .hasMessageContaining("every user on this machine can read the private key")
                .hasMessageContaining("fix: chmod 600");
    }

    @Test
    void anExpiredCertificateStopsStartUp() throws Exception {
        Instant now = Instant.now();
        GeneratedCertificate expired = CertificateGenerator.builder().subject("localhost")
                .validity(now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)).generate();
        Path cert = dir.resolve("expired.pem");
        Path key = dir.resolve("expired.key");
        PemFiles.writeCertificate(cert, expired.certificate());
        PemFiles.writePkcs8(key, expired.key());
        TlsConfig tls = new TlsConfig(cert, key, null, List.of("TLSv1.2"), null, TlsProvider.JDK);
        ProxyConfig config = ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.of(tls)),
                new BackendConfig("127.0.0.1", 1433));

        assertThatThrownBy(() -> CertificateGate.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("validity dates: ");
    }
}
