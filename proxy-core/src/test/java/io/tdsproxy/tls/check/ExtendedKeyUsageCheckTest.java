package io.tdsproxy.tls.check;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtendedKeyUsageCheckTest {
    private final ExtendedKeyUsageCheck check = new ExtendedKeyUsageCheck();

    private CheckRow run(TestCertificate.Builder builder) {
        return check.run(Inputs.of(builder.build()));
    }

    @Test
    void passesWithServerAuth() {
        CheckRow row = run(TestCertificate.builder("db").eku(KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("1.3.6.1.5.5.7.3.1").contains("clientAuth, serverAuth");
    }

    @Test
    void passesWithoutAnExtendedKeyUsage() {
        CheckRow row = run(TestCertificate.builder("db"));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("no extended key usage");
    }

    @Test
    void failsForAClientAuthOnlyCertificate() {
        CheckRow row = run(TestCertificate.builder("db").eku(KeyPurposeId.id_kp_clientAuth));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("clientAuth").contains("without Server Authentication (1.3.6.1.5.5.7.3.1)");
        assertThat(row.fix()).contains("extendedKeyUsage=serverAuth");
    }

    @Test
    void failsForCodeSigningAndNamesUnknownPurposesByOid() {
        CheckRow row = run(TestCertificate.builder("db").eku(KeyPurposeId.id_kp_codeSigning, KeyPurposeId.id_kp_smartcardlogon));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("codeSigning, " + KeyPurposeId.id_kp_smartcardlogon.getId());
    }

    @Test
    void warnsForAnyExtendedKeyUsageAlone() {
        CheckRow row = run(TestCertificate.builder("db").eku(KeyPurposeId.anyExtendedKeyUsage));
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("anyExtendedKeyUsage");
    }
}
