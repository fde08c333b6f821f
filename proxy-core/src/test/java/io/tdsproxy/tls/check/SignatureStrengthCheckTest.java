package io.tdsproxy.tls.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureStrengthCheckTest {
    private final SignatureStrengthCheck check = new SignatureStrengthCheck();

    private CheckRow run(TestCertificate.Builder builder) {
        return check.run(Inputs.of(builder.build()));
    }

    @Test
    void sha256WithRsa2048Passes() {
        CheckRow row = run(TestCertificate.builder("db"));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).isEqualTo("SHA256withRSA, RSA 2048-bit key (~112-bit security)");
    }

    @Test
    void ecdsaP256Passes() {
        CheckRow row = run(TestCertificate.builder("db").keyPair(TestCertificate.ec("secp256r1")));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).isEqualTo("SHA256withECDSA, EC 256-bit key (~128-bit security)");
    }

    @Test
    void sha1SignatureFails() {
        CheckRow row = run(TestCertificate.builder("db").signatureAlgorithm("SHA1withRSA"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("SHA1withRSA").contains("SHA-1 gives less than 112-bit security");
        assertThat(row.fix()).contains("SHA-256");
    }

    @Test
    void sha1EcdsaSignatureFails() {
        CheckRow row = run(TestCertificate.builder("db").keyPair(TestCertificate.ec("secp256r1"))
                .signatureAlgorithm("SHA1withECDSA"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("SHA-1");
    }

    @Test
    void md5SignatureFails() {
        CheckRow row = run(TestCertificate.builder("db").signatureAlgorithm("MD5withRSA"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("MD5withRSA").contains("MD5 gives less than 112-bit security");
    }

    @Test
    void rsa1024Fails() {
        CheckRow row = run(TestCertificate.builder("db").keyPair(TestCertificate.rsa(1024)));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("1024-bit RSA key").contains("at least 2048");
        assertThat(row.fix()).contains("--key-type");
    }

    @Test
    void aWeakIntermediateKeyFails() {
        TestCertificate root = TestCertificate.builder("Root").ca().build();
        TestCertificate intermediate = TestCertificate.builder("Intermediate").ca().issuer(root)
                .keyPair(TestCertificate.rsa(1024)).build();
        TestCertificate leaf = TestCertificate.builder("db").issuer(intermediate).build();
        CheckRow row = check.run(Inputs.of(List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
                leaf.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("#2 (CN=Intermediate)").contains("1024-bit");
    }

    @Test
    void anSha1IntermediateSignatureFails() {
        TestCertificate root = TestCertificate.builder("Root").ca().build();
        TestCertificate intermediate = TestCertificate.builder("Intermediate").ca().issuer(root)
                .signatureAlgorithm("SHA1withRSA").build();
        TestCertificate leaf = TestCertificate.builder("db").issuer(intermediate).build();
        CheckRow row = check.run(Inputs.of(List.of(leaf.certificate(), intermediate.certificate(), root.certificate()),
                leaf.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("#2 (CN=Intermediate)").contains("SHA1withRSA");
    }

    @Test
    void aSelfSignedRootsOwnSha1SignatureDoesNotCount() {
        TestCertificate root = TestCertificate.builder("Old Root").ca().signatureAlgorithm("SHA1withRSA").build();
        TestCertificate leaf = TestCertificate.builder("db").issuer(root).build();
        CheckRow row = check.run(Inputs.of(List.of(leaf.certificate(), root.certificate()), leaf.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
    }
}
