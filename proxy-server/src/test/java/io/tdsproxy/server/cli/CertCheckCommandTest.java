package io.tdsproxy.server.cli;

import io.tdsproxy.server.cli.CertCommandTest.Run;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.PemFiles;
import io.tdsproxy.tls.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static io.tdsproxy.server.cli.CertCommandTest.cert;
import static org.assertj.core.api.Assertions.assertThat;

class CertCheckCommandTest {
    @TempDir
    Path dir;

    private Path certFile() {
        return dir.resolve("server.pem");
    }

    private Path keyFile() {
        return dir.resolve("server.key");
    }

    private static GeneratedCertificate good() {
        return CertificateGenerator.builder().subject("db.example.test").generate();
    }

    private void write(GeneratedCertificate c) throws IOException {
        PemFiles.writeCertificates(certFile(), c.chain());
        PemFiles.writePkcs8(keyFile(), c.key());
    }

    private Run check(String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = "check";
        args[1] = "--cert";
        args[2] = certFile().toString();
        args[3] = "--key";
        args[4] = keyFile().toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return cert(args);
    }

    @Test
    void aGoodCertificateExits0AndPrintsEveryRow() throws IOException {
        write(good());
        Run run = check("--host", "db.example.test");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("RESULT  REQUIREMENT")
                .contains("PASS    validity dates").contains("PASS    extended key usage").contains("PASS    key usage")
                .contains("PASS    host name").contains("PASS    signature strength")
                .contains("PASS    key matches certificate").contains("PASS    certificate chain")
                .contains("PASS    key file permissions").contains("8 PASS, 0 WARN, 0 FAIL");
    }

    @Test
    void warningsAloneStillExit0() throws IOException {
        write(good());
        Run run = check();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("WARN    host name").contains("DNS:db.example.test").contains("1 WARN, 0 FAIL");
    }

    @Test
    void anExpiredCertificateExits3WithTheReason() throws IOException {
        Instant now = Instant.now();
        write(CertificateGenerator.builder().subject("db.example.test")
                .validity(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1))).generate());
        Run run = check("--host", "db.example.test");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("FAIL    validity dates").contains("expired").contains("the proxy refuses");
    }

    @Test
    void theWrongHostExits3() throws IOException {
        write(good());
        Run run = check("--host", "other.example.test");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("FAIL    host name").contains("other.example.test is not");
    }

    @Test
    void aSha1CertificateExits3() throws IOException {
        write(CertificateGenerator.builder().subject("db.example.test").signatureAlgorithm("SHA1withRSA").generate());
        Run run = check("--host", "db.example.test");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("FAIL    signature strength");
    }

    @Test
    void aMismatchedKeyIsARowNotACrash() throws IOException {
        PemFiles.writeCertificate(certFile(), good().certificate());
        PemFiles.writePkcs8(keyFile(), good().key());
        Run run = check("--host", "db.example.test");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("FAIL    key matches certificate").contains("7 PASS, 0 WARN, 1 FAIL");
    }

    @Test
    void aWorldReadableKeyExits3() throws IOException {
        write(good());
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        Run run = check("--host", "db.example.test");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("FAIL    key file permissions").contains("chmod 600");
    }

    @Test
    void runAsNamesTheExpectedOwner() throws IOException {
        write(good());
        String owner = Files.getOwner(keyFile()).getName();
        Run run = check("--host", "db.example.test", "--run-as", owner + "-not");
        assertThat(run.exitCode()).as("a warning only").isZero();
        assertThat(run.out()).contains("WARN    key file permissions").contains("chown " + owner + "-not");
    }

    @Test
    void anEncryptedKeyNeedsThePasswordFile() throws IOException {
        GeneratedCertificate c = good();
        PemFiles.writeCertificate(certFile(), c.certificate());
        PemFiles.writeEncryptedPkcs8(keyFile(), c.key(), Secret.of("s3cret pass"));
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "s3cret pass\n");

        assertThat(check("--host", "db.example.test", "--key-password-file", pass.toString()).exitCode()).isZero();

        Run none = check("--host", "db.example.test");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.err()).contains("encrypted and no passphrase");

        Files.writeString(pass, "wrong\n");
        Run wrong = check("--host", "db.example.test", "--key-password-file", pass.toString());
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("wrong passphrase").doesNotContain("wrong\n");
    }

    @Test
    void aPkcs12FileWorksAsBothCertAndKey() throws IOException {
        GeneratedCertificate c = good();
        Path p12 = dir.resolve("server.p12");
        PemFiles.writePkcs12(p12, c.key(), c.chain(), Secret.of("p12pass"));
        Path pass = dir.resolve("pass.txt");
        Files.writeString(pass, "p12pass");
        Run run = cert("check", "--cert", p12.toString(), "--key", p12.toString(), "--host", "db.example.test",
                "--key-password-file", pass.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    @Test
    void aCombinedPemFileWorksAsBothCertAndKey() throws IOException {
        GeneratedCertificate c = good();
        PemFiles.writePkcs8(keyFile(), c.key());
        Files.writeString(keyFile(), Files.readString(keyFile()) + new String(Files.readAllBytes(writeCert(c))));
        Run run = cert("check", "--cert", keyFile().toString(), "--key", keyFile().toString(), "--host", "db.example.test");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    private Path writeCert(GeneratedCertificate c) throws IOException {
        PemFiles.writeCertificate(certFile(), c.certificate());
        return certFile();
    }

    @Test
    void garbageIsAFailureWithTheLoadersReason() throws IOException {
        Files.writeString(certFile(), "not a certificate");
        PemFiles.writePkcs8(keyFile(), good().key());
        Run run = check();
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("FAIL  ").contains(certFile().toString());
    }

    @Test
    void missingFilesAndOptionsAreUsageErrors() throws IOException {
        Run missing = check();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        write(good());
        assertThat(cert("check", "--cert", certFile().toString()).exitCode()).as("no --key").isEqualTo(2);
        assertThat(check("--key-password-file", dir.resolve("nope").toString()).exitCode()).isEqualTo(2);
        assertThat(check("--bogus").exitCode()).isEqualTo(2);
    }
}
