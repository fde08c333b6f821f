package io.tdsproxy.server.cli;

import io.tdsproxy.server.cli.CertCommandTest.Run;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.tdsproxy.server.cli.CertCommandTest.cert;
import static org.assertj.core.api.Assertions.assertThat;

class CertGenerateCommandTest {
    @TempDir
    Path dir;

    private Path certFile() {
        return dir.resolve("server.pem");
    }

    private Path keyFile() {
        return dir.resolve("server.key");
    }

    private Run generate(String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--cert", certFile().toString(),
                "--key", keyFile().toString()));
        args.addAll(List.of(extra));
        return cert(args.toArray(new String[0]));
    }

    @Test
    void writesWhatSqlServerRequires() throws Exception {
        Instant before = Instant.now();
        Run run = generate("--cn", "db.example.test", "--san", "db", "10.0.0.7", "--days", "90");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote certificate " + certFile()).contains("DNS:db.example.test, DNS:db, IP:10.0.0.7")
                .contains("tdsproxy cert check --cert " + certFile());

        assertThat(Files.getPosixFilePermissions(keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        KeyMaterial material = KeyMaterialLoader.load(certFile(), keyFile(), null);
        X509Certificate c = material.leaf();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=db.example.test");
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(c.getKeyUsage()[2]).as("keyEncipherment").isTrue();
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        Duration validity = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
        assertThat(validity).isEqualTo(Duration.ofDays(90).plus(CertGenerateCommand.BACKDATE));
        assertThat(c.getNotAfter().toInstant()).isAfter(before.plus(Duration.ofDays(89)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "rsa3072", "ecp256", "ECP384"})
    void itsOutputPassesCertCheckForItsOwnHost(String keyType) {
        Run generated = generate("--cn", "db.example.test", "--key-type", keyType);
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        Run check = cert("check", "--cert", certFile().toString(), "--key", keyFile().toString(), "--host", "db.example.test");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("8 PASS, 0 WARN, 0 FAIL").doesNotContain("WARN    ").doesNotContain("FAIL    ");
    }

    @Test
    void validityFollowsTheClockAndDays() throws Exception {
        Instant now = Instant.parse("2026-05-01T08:00:00Z");
        Run run = CertCommandTest.run(new CertGenerateCommand(Clock.fixed(now, ZoneOffset.UTC)), "--cn", "db",
                "--days", "10", "--cert", certFile().toString(), "--key", keyFile().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2026-05-01T07:00:00Z to 2026-05-11T08:00:00Z");
        X509Certificate c = KeyMaterialLoader.readCertificates(certFile()).get(0);
        assertThat(c.getNotBefore().toInstant()).isEqualTo(now.minus(CertGenerateCommand.BACKDATE));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(10)));

        Run soon = CertCommandTest.run(new CertCheckCommand(Clock.fixed(now.plus(Duration.ofDays(2)), ZoneOffset.UTC)),
                "--cert", certFile().toString(), "--key", keyFile().toString(), "--host", "db");
        assertThat(soon.exitCode()).isZero();
        assertThat(soon.out()).contains("WARN    validity dates").contains("expires in 8 days");
        Run late = CertCommandTest.run(new CertCheckCommand(Clock.fixed(now.plus(Duration.ofDays(11)), ZoneOffset.UTC)),
                "--cert", certFile().toString(), "--key", keyFile().toString(), "--host", "db");
        assertThat(late.exitCode()).isEqualTo(3);
        assertThat(late.out()).contains("FAIL    validity dates");
    }

    @Test
    void ecKeysGetDigitalSignatureOnly() throws Exception {
        assertThat(generate("--cn", "db", "--key-type", "ecp256").exitCode()).isZero();
        X509Certificate c = KeyMaterialLoader.readCertificates(certFile()).get(0);
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getKeyUsage()[0]).isTrue();
        assertThat(c.getKeyUsage()[2]).isFalse();
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Files.writeString(keyFile(), "keep me");
        Run run = generate("--cn", "db");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(keyFile() + " exists; pass --force");
        assertThat(Files.readString(keyFile())).isEqualTo("keep me");
        assertThat(generate("--cn", "db", "--force").exitCode()).isZero();
        assertThat(Files.readString(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void usageErrorsExit2() {
        assertThat(generate().exitCode()).as("missing --cn").isEqualTo(2);
        assertThat(generate("--cn", "db", "--key-type", "rsa1024").err()).contains("'rsa1024' is not a key type");
        assertThat(generate("--cn", "db", "--key-type", "rsa1024").exitCode()).isEqualTo(2);
        assertThat(generate("--cn", "db", "--days", "0").exitCode()).isEqualTo(2);
        assertThat(generate("--cn", " ").exitCode()).isEqualTo(2);
        assertThat(cert("generate", "--cn", "db", "--cert", "same", "--key", "same").exitCode()).isEqualTo(2);
        Run badSan = generate("--cn", "db", "--san", "999.1.1.1");
        assertThat(badSan.exitCode()).as(badSan.err()).isEqualTo(2);
        assertThat(badSan.err()).contains("cert generate: ");
        assertThat(Files.exists(certFile())).isFalse();
        assertThat(Files.exists(keyFile())).isFalse();
    }

    @Test
    void anUnwritableDirectoryExits1() {
        Run run = cert("generate", "--cn", "db", "--cert", dir.resolve("missing/server.pem").toString(),
                "--key", dir.resolve("missing/server.key").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write");
    }
}
