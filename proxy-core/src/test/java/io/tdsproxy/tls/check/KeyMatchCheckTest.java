package io.tdsproxy.tls.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMatchCheckTest {
    private final KeyMatchCheck check = new KeyMatchCheck();

    @Test
    void theCertificatesOwnKeyPasses() {
        assertThat(check.run(Inputs.of(TestCertificate.builder("db").build())).verdict()).isEqualTo(Verdict.PASS);
        TestCertificate ec = TestCertificate.builder("db").keyPair(TestCertificate.ec("secp384r1")).build();
        assertThat(check.run(Inputs.of(ec)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anotherRsaKeyFails() {
        TestCertificate cert = TestCertificate.builder("db").build();
        CheckRow row = check.run(Inputs.of(List.of(cert.certificate()), TestCertificate.rsa(2048).getPrivate(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("does not belong to certificate #1 (CN=db)").doesNotContain("the key is");
        assertThat(row.fix()).contains("openssl pkey -pubout");
    }

    @Test
    void anEcKeyForAnRsaCertificateFailsAndSaysSo() {
        TestCertificate cert = TestCertificate.builder("db").build();
        CheckRow row = check.run(Inputs.of(List.of(cert.certificate()), TestCertificate.ec("secp256r1").getPrivate(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("the key is EC, the certificate's key is RSA");
    }

    @Test
    void aKeyBelongingToALaterCertificateNamesIt() {
        TestCertificate ca = TestCertificate.builder("CA").ca().build();
        TestCertificate leaf = TestCertificate.builder("db").issuer(ca).build();
        CheckRow row = check.run(Inputs.of(List.of(ca.certificate(), leaf.certificate()), leaf.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("belongs to certificate #2 (CN=db)");
        assertThat(row.fix()).contains("server certificate first");
    }
}
