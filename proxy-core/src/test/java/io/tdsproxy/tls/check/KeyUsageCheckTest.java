package io.tdsproxy.tls.check;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyUsageCheckTest {
    private final KeyUsageCheck check = new KeyUsageCheck();

    private CheckRow rsa(int bits) {
        return check.run(Inputs.of(TestCertificate.builder("db").keyUsage(bits).build()));
    }

    private CheckRow ec(int bits) {
        return check.run(Inputs.of(TestCertificate.builder("db").keyPair(TestCertificate.ec("secp256r1")).keyUsage(bits).build()));
    }

    @Test
    void rsaWithKeyEnciphermentAndDigitalSignaturePasses() {
        CheckRow row = rsa(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("AT_KEYEXCHANGE");
    }

    @Test
    void absentKeyUsagePasses() {
        CheckRow row = check.run(Inputs.of(TestCertificate.builder("db").build()));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("no key usage extension");
    }

    @Test
    void rsaWithoutKeyEnciphermentWarnsAndExplainsAtKeyExchange() {
        CheckRow row = rsa(KeyUsage.digitalSignature);
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("without keyEncipherment").contains("AT_KEYEXCHANGE");
        assertThat(row.fix()).contains("keyEncipherment");
    }

    @Test
    void rsaWithoutDigitalSignatureFails() {
        CheckRow row = rsa(KeyUsage.keyEncipherment);
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("without digitalSignature").contains("ECDHE");
    }

    @Test
    void neitherBitFails() {
        CheckRow row = rsa(KeyUsage.keyCertSign | KeyUsage.nonRepudiation);
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("nonRepudiation, keyCertSign").contains("neither keyEncipherment");
    }

    @Test
    void ecWithDigitalSignaturePasses() {
        assertThat(ec(KeyUsage.digitalSignature).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void ecWithOnlyKeyEnciphermentFails() {
        CheckRow row = ec(KeyUsage.keyEncipherment);
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.fix()).contains("digitalSignature");
    }
}
