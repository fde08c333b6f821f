package io.tdsproxy.tls;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

class HostnameMatcherTest {
    private static X509Certificate cert(String cn, boolean sans, String... more) {
        return CertificateGenerator.builder().subject(cn).keyType(KeyType.EC_P256).subjectAltNames(sans).sans(more)
                .generate().certificate();
    }

    @Test
    void exactNamesCaseAndTrailingDot() {
        X509Certificate c = cert("db.example.test", true, "alias.example.test");
        assertThat(HostnameMatcher.matches("db.example.test", c)).isTrue();
        assertThat(HostnameMatcher.matches("DB.Example.Test.", c)).isTrue();
        assertThat(HostnameMatcher.matches("alias.example.test", c)).isTrue();
        assertThat(HostnameMatcher.matches("other.example.test", c)).isFalse();
        assertThat(HostnameMatcher.matches("example.test", c)).isFalse();
    }

    @Test
    void wildcardCoversExactlyOneLeftmostLabel() {
        X509Certificate c = cert("*.example.test", true);
        assertThat(HostnameMatcher.matches("db.example.test", c)).isTrue();
        assertThat(HostnameMatcher.matches("a.b.example.test", c)).isFalse();
        assertThat(HostnameMatcher.matches("example.test", c)).isFalse();
        assertThat(HostnameMatcher.matches(".example.test", c)).isFalse();
    }

    @Test
    void ipLiteralsMatchIpSans() {
        X509Certificate c = cert("db.example.test", true, "10.1.2.3", "::1");
        assertThat(HostnameMatcher.matches("10.1.2.3", c)).isTrue();
        assertThat(HostnameMatcher.matches("0:0:0:0:0:0:0:1", c)).isTrue();
        assertThat(HostnameMatcher.matches("10.1.2.4", c)).isFalse();
    }

    @Test
    void commonNameOnlyWhenThereIsNoDnsSan() throws Exception {
        X509Certificate cnOnly = cert("legacy.example.test", false);
        assertThat(cnOnly.getSubjectAlternativeNames()).isNull();
        assertThat(HostnameMatcher.matches("legacy.example.test", cnOnly)).isTrue();
        X509Certificate withSan = CertificateGenerator.builder().subject("cn.example.test").keyType(KeyType.EC_P256)
                .generate().certificate();
        assertThat(HostnameMatcher.matches("cn.example.test", withSan)).as("CN is also a SAN").isTrue();
        X509Certificate wildcardCn = cert("*.legacy.test", false);
        assertThat(HostnameMatcher.matches("db.legacy.test", wildcardCn)).isTrue();
    }
}
