package io.tdsproxy.tls.check;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChainCheckTest {
    private final ChainCheck check = new ChainCheck();
    private TestCertificate root;
    private TestCertificate intermediate;
    private TestCertificate leaf;

    @BeforeEach
    void pki() {
        root = TestCertificate.builder("Root CA").ca().build();
        intermediate = TestCertificate.builder("Intermediate CA").ca().issuer(root).build();
        leaf = TestCertificate.builder("db").issuer(intermediate).build();
    }

    private CheckRow run(X509Certificate... chain) {
        return check.run(Inputs.of(List.of(chain), leaf.key(), "db"));
    }

    @Test
    void aSingleSelfSignedCertificatePasses() {
        TestCertificate self = TestCertificate.builder("db").build();
        CheckRow row = check.run(Inputs.of(self));
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("self-signed");
    }

    @Test
    void aCompleteOrderedChainPasses() {
        CheckRow row = run(leaf.certificate(), intermediate.certificate(), root.certificate());
        assertThat(row.verdict()).isEqualTo(Verdict.PASS);
        assertThat(row.detail()).contains("3 certificates").contains("CN=Root CA");
    }

    @Test
    void aChainWithoutItsRootWarnsThatClientsNeedTheCa() {
        CheckRow row = run(leaf.certificate(), intermediate.certificate());
        assertThat(row.verdict()).isEqualTo(Verdict.WARN);
        assertThat(row.detail()).contains("issued by CN=Root CA, which is not in the file");
        assertThat(row.fix()).contains("CA certificate CN=Root CA");
    }

    @Test
    void aLoneCaIssuedCertificateWarns() {
        assertThat(run(leaf.certificate()).verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void outOfOrderFails() {
        CheckRow row = run(leaf.certificate(), root.certificate(), intermediate.certificate());
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("out of order").contains("#1 (CN=db) is issued by #3 (CN=Intermediate CA)");
    }

    @Test
    void aMissingIntermediateFails() {
        CheckRow row = run(leaf.certificate(), root.certificate());
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("incomplete").contains("issued by CN=Intermediate CA, which is not in the file");
        assertThat(row.fix()).contains("add the missing intermediate certificate CN=Intermediate CA");
    }

    @Test
    void anIssuerWithTheRightNameButTheWrongKeyFails() {
        TestCertificate impostor = TestCertificate.builder("Intermediate CA").ca().issuer(root).build();
        CheckRow row = run(leaf.certificate(), impostor.certificate(), root.certificate());
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("signature does not verify");
    }

    @Test
    void anIssuerThatIsNotACaFails() {
        TestCertificate notCa = TestCertificate.builder("Some Server").build();
        TestCertificate issued = TestCertificate.builder("db").issuer(notCa).build();
        CheckRow row = check.run(Inputs.of(List.of(issued.certificate(), notCa.certificate()), issued.key(), "db"));
        assertThat(row.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(row.detail()).contains("is not a CA");
    }
}
