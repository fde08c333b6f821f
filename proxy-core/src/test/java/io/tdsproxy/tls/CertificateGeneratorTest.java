package io.tdsproxy.tls;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateGeneratorTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @Test
    void serverCertificateHasWhatSqlServerRequires() throws Exception {
        GeneratedCertificate cert = TestPki.server(KeyType.RSA_2048);
        X509Certificate c = cert.certificate();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=" + TestPki.HOST);
        assertThat(c.getSubjectAlternativeNames()).contains(List.of(2, TestPki.HOST), List.of(2, "localhost"),
                List.of(7, "127.0.0.1"));
        assertThat(c.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        boolean[] usage = c.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[2]).as("keyEncipherment").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA"); // signed by the EC test CA
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        c.verify(TestPki.ca().certificate().getPublicKey());
        c.checkValidity();
        assertThat(cert.chain()).containsExactly(c, TestPki.ca().certificate());
    }

    @Test
    void caCertificateHasBasicConstraintsAndKeyCertSign() throws Exception {
        X509Certificate ca = TestPki.ca().certificate();
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getExtendedKeyUsage()).isNull();
        ca.verify(ca.getPublicKey());
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    }

    @Test
    void issuerChainsOfSeveralLevels() throws Exception {
        GeneratedCertificate root = CertificateGenerator.builder().subject("root").ca(true).keyType(KeyType.RSA_3072).generate();
        GeneratedCertificate mid = CertificateGenerator.builder().subject("intermediate").ca(true).issuer(root)
                .keyType(KeyType.EC_P384).generate();
        GeneratedCertificate leaf = CertificateGenerator.builder().subject("leaf.test").issuer(mid).generate();
        assertThat(leaf.chain()).containsExactly(leaf.certificate(), mid.certificate(), root.certificate());
        leaf.certificate().verify(mid.certificate().getPublicKey());
        mid.certificate().verify(root.certificate().getPublicKey());
        assertThat(leaf.certificate().getIssuerX500Principal()).isEqualTo(mid.certificate().getSubjectX500Principal());
        assertThat(mid.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((ECPublicKey) mid.certificate().getPublicKey()).getParams().getOrder().bitLength()).isEqualTo(384);
        assertThat(((RSAPublicKey) root.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void signatureAlgorithmValidityAndUsageAreConfigurable() throws Exception {
        Instant from = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        GeneratedCertificate sha1 = CertificateGenerator.builder().subject("old.test").signatureAlgorithm("SHA1withRSA")
                .validity(from, to).serverAuthEku(false).keyUsage(KeyUsage.digitalSignature).generate();
        X509Certificate c = sha1.certificate();
        assertThat(c.getSigAlgName()).isEqualTo("SHA1withRSA");
        assertThat(c.getNotBefore().toInstant()).isEqualTo(from);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(to);
        assertThat(c.getExtendedKeyUsage()).isNull();
        assertThat(c.getKeyUsage()[2]).as("keyEncipherment").isFalse();
        assertThatThrownBy(c::checkValidity).isInstanceOf(java.security.cert.CertificateExpiredException.class);
    }

    @Test
    void badSettingsAreRefused() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> CertificateGenerator.builder().validity(now, now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateGenerator.builder().signatureAlgorithm("NOPEwithRSA").generate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CN=localhost")
                .hasMessageContaining("NOPEwithRSA");
    }
}
