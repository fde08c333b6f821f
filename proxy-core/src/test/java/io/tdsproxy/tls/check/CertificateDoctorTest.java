package io.tdsproxy.tls.check;

import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.KeyType;
import io.tdsproxy.tls.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static io.tdsproxy.tls.check.TestCertificate.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateDoctorTest {
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private GeneratedCertificate generated(KeyType type, GeneratedCertificate issuer) {
        CertificateGenerator.Builder b = CertificateGenerator.builder().subject("db.example.test").sans("db", "10.0.0.7")
                .keyType(type).validity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(365)));
        return (issuer == null ? b : b.issuer(issuer)).generate();
    }

    /** Writes cert and key as PEM, reads them back the way start-up does, and runs the doctor. */
    private Report checkFiles(GeneratedCertificate cert, String host) throws IOException {
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server.key");
        PemFiles.writeCertificates(certFile, cert.chain());
        PemFiles.writePkcs8(keyFile, cert.key());
        KeyMaterial material = KeyMaterialLoader.load(certFile, keyFile, null);
        return new CertificateDoctor(CLOCK, Files.getOwner(keyFile).getName()).check(material, keyFile, host);
    }

    @Test
    void aGeneratedCertificatePassesEveryRequirementInOrder() throws IOException {
        for (KeyType type : KeyType.values()) {
            Report report = checkFiles(generated(type, null), "db.example.test");
            assertThat(report.rows()).extracting(CheckRow::requirement).containsExactly(Requirement.values());
            assertThat(report.rows()).as(type + "\n" + report.toTable()).allMatch(r -> r.verdict() == Verdict.PASS);
            assertThat(report.hasFailures()).isFalse();
        }
    }

    @Test
    void aCaIssuedChainPassesToo() throws IOException {
        GeneratedCertificate ca = CertificateGenerator.builder().subject("Test Root").ca(true)
                .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3650))).generate();
        Report report = checkFiles(generated(KeyType.EC_P256, ca), "10.0.0.7");
        assertThat(report.rows()).as(report.toTable()).allMatch(r -> r.verdict() == Verdict.PASS);
        assertThat(report.row(Requirement.CHAIN).orElseThrow().detail()).contains("2 certificates");
    }

    @Test
    void eachBrokenPropertyFailsItsOwnRowOnly() {
        TestCertificate bad = TestCertificate.builder("db.example.test").dns("db.example.test")
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).build();
        Report report = new CertificateDoctor(CLOCK, "proxy").check(List.of(bad.certificate()), bad.key(), null,
                "db.example.test");
        assertThat(report.hasFailures()).isTrue();
        assertThat(report.rows(Verdict.FAIL)).extracting(CheckRow::requirement).containsExactly(Requirement.VALIDITY);
        assertThat(report.rows(Verdict.WARN)).extracting(CheckRow::requirement).containsExactly(Requirement.KEY_FILE);
        assertThat(report.describeFailures()).startsWith("validity dates: certificate #1 (CN=db.example.test) expired");
    }

    @Test
    void severalFailuresAreAllReported() throws IOException {
        TestCertificate bad = TestCertificate.builder("other").keyPair(TestCertificate.rsa(1024))
                .signatureAlgorithm("SHA1withRSA").build();
        Path keyFile = dir.resolve("bad.key");
        PemFiles.writePkcs8(keyFile, bad.key());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        Report report = new CertificateDoctor(CLOCK, Files.getOwner(keyFile).getName())
                .check(List.of(bad.certificate()), TestCertificate.rsa(1024).getPrivate(), keyFile, "db.example.test");
        assertThat(report.rows(Verdict.FAIL)).extracting(CheckRow::requirement).containsExactly(
                Requirement.HOST_NAME, Requirement.SIGNATURE_STRENGTH, Requirement.KEY_MATCH, Requirement.KEY_FILE);
        assertThat(report.toTable()).contains("FAIL    host name").contains("FAIL    key file permissions");
    }

    @Test
    void judgesValidityByTheGivenClock() {
        TestCertificate cert = TestCertificate.builder("db").build();
        Clock later = Clock.fixed(cert.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
        Report report = new CertificateDoctor(later, "proxy").check(List.of(cert.certificate()), cert.key(), null, "db");
        assertThat(report.row(Requirement.VALIDITY).orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theInputNeverPrintsTheKey() {
        TestCertificate cert = TestCertificate.builder("db").build();
        String text = Inputs.of(cert).toString();
        assertThat(text).contains("****");
        String encoded = Arrays.toString(cert.key().getEncoded());
        assertThat(text).doesNotContain(encoded).doesNotContain("modulus").doesNotContain("private exponent");
    }

    @Test
    void aCheckThatBreaksFailsItsRowAndTheOthersStillRun() {
        Check broken = new Check() {
            @Override
            public Requirement requirement() {
                return Requirement.CHAIN;
            }

            @Override
            public CheckRow run(CheckInput input) {
                throw new IllegalStateException("odd certificate");
            }
        };
        TestCertificate cert = TestCertificate.builder("db").build();
        Report report = new CertificateDoctor(CLOCK, "proxy", List.of(new ValidityCheck(), broken, new KeyMatchCheck()))
                .check(List.of(cert.certificate()), cert.key(), null, "db");
        assertThat(report.rows()).extracting(CheckRow::verdict).containsExactly(Verdict.PASS, Verdict.FAIL, Verdict.PASS);
        assertThat(report.row(Requirement.CHAIN).orElseThrow().detail()).contains("could not be checked")
                .contains("odd certificate");
    }
}
