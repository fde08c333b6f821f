package io.tdsproxy.tls;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CipherSuitesTest {
    private static final List<String> TLS12 = List.of("TLSv1.2");

    @Test
    void openSslNamesBecomeJavaNames() {
        assertThat(CipherSuites.toJavaNames("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:AES128-SHA"))
                .containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_RSA_WITH_AES_128_CBC_SHA");
        assertThat(CipherSuites.toJavaNames("TLS_AES_128_GCM_SHA256, ECDHE-RSA-AES256-SHA"))
                .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
    }

    @Test
    void keywordsAreExpandedByBoringSsl() {
        List<String> gcm = CipherSuites.toJavaNames("ECDHE+AESGCM:!aNULL");
        assertThat(gcm).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("TLS_ECDHE_").contains("_GCM_"));
        assertThat(CipherSuites.toJavaNames("HIGH:!aNULL:!MD5")).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void nonsenseListIsRefused() {
        assertThatThrownBy(() -> CipherSuites.toJavaNames("ECDHE-RSA-AES128-GCM-SHA256:NOT-A-CIPHER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown cipher suite 'NOT-A-CIPHER'");
        assertThatThrownBy(() -> CipherSuites.toJavaNames("NOTAKEYWORD")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOTAKEYWORD");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void defaultsAddCbcOnlyForLegacyVersionsAndTls13SuitesFor13(TlsProvider provider) {
        List<String> modern = CipherSuites.resolve(null, TLS12, provider).suites();
        assertThat(modern).noneMatch(s -> s.endsWith("_CBC_SHA")).noneMatch(s -> s.startsWith("TLS_AES_"));
        List<String> legacy = CipherSuites.resolve(null, List.of("TLSv1", "TLSv1.2"), provider).suites();
        assertThat(legacy).contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA");
        List<String> with13 = CipherSuites.resolve("ECDHE-RSA-AES128-GCM-SHA256", List.of("TLSv1.2", "TLSv1.3"), provider)
                .suites();
        assertThat(with13).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void unsupportedNamesAreReportedAndAllUnsupportedIsAnError() {
        // BoringSSL has no finite-field DHE suites; the JDK does.
        CipherSuites.Resolution openssl = CipherSuites.resolve("ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
                TLS12, TlsProvider.OPENSSL);
        assertThat(openssl.suites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(openssl.unsupported()).containsExactly("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
        CipherSuites.Resolution jdk = CipherSuites.resolve("ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384",
                TLS12, TlsProvider.JDK);
        assertThat(jdk.unsupported()).isEmpty();
        assertThatThrownBy(() -> CipherSuites.resolve("DHE-RSA-AES256-GCM-SHA384", TLS12, TlsProvider.OPENSSL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DHE-RSA-AES256-GCM-SHA384");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void configuredListDecidesTheNegotiatedSuite(TlsProvider provider) {
        SslContext server = ServerTlsContexts.tds7(TestPki.server(KeyType.RSA_2048).keyMaterial(), TLS12,
                "ECDHE-RSA-AES256-GCM-SHA384", provider);
        for (TlsProvider clientProvider : TlsProvider.values()) {
            try (End s = TlsShuttle.tds7Server(server);
                 End c = TlsShuttle.tds7Client(ClientTlsContexts.tds7(TrustSettings.trustAll(), TLS12, clientProvider),
                         TestPki.HOST)) {
                assertThat(TlsShuttle.handshake(c, s, Delivery.AS_WRITTEN).succeeded()).isTrue();
                assertThat(s.ssl.engine().getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
            }
        }
    }
}
