package io.tdsproxy.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TlsProtocols, TlsProvider and Secret. */
class TlsSettingsParsingTest {

    @Test
    void mssqlConfForms() {
        assertThat(TlsProtocols.parse("1.2")).containsExactly("TLSv1.2");
        assertThat(TlsProtocols.parse("1.0,1.1,1.2")).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
        assertThat(TlsProtocols.parse(" 1.2 , 1.0 ")).containsExactly("TLSv1", "TLSv1.2");
        assertThat(TlsProtocols.parse("1.3")).containsExactly("TLSv1.3");
        assertThat(TlsProtocols.parse("TLSv1.2,tlsv1.3,TLSv1,TLSv1.0")).containsExactly("TLSv1", "TLSv1.2", "TLSv1.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.4", "SSLv3", "1.2,two", "TLS1.2x"})
    void badTokenIsNamed(String value) {
        assertThatThrownBy(() -> TlsProtocols.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a TLS protocol version");
        String bad = value.contains(",") ? "two" : value;
        assertThatThrownBy(() -> TlsProtocols.parse(value)).hasMessageContaining("'" + bad + "'");
    }

    @Test
    void emptyListIsRefused() {
        assertThatThrownBy(() -> TlsProtocols.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlsProtocols.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tds7AndStrictSubsets() {
        List<String> all = TlsProtocols.parse("1.0,1.1,1.2,1.3");
        assertThat(TlsProtocols.forTds7(all)).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2");
        assertThat(TlsProtocols.forStrict(all)).containsExactly("TLSv1.2", "TLSv1.3");
        assertThatThrownBy(() -> TlsProtocols.forTds7(List.of("TLSv1.3"))).hasMessageContaining("TDS 7.x");
        assertThatThrownBy(() -> TlsProtocols.forStrict(List.of("TLSv1", "TLSv1.1"))).hasMessageContaining("strict");
        assertThat(TlsProtocols.includesLegacy(all)).isTrue();
        assertThat(TlsProtocols.includesLegacy(List.of("TLSv1.2"))).isFalse();
    }

    @Test
    void providerNames() {
        assertThat(TlsProvider.parse("OpenSSL")).isEqualTo(TlsProvider.OPENSSL);
        assertThat(TlsProvider.parse("boringssl")).isEqualTo(TlsProvider.OPENSSL);
        assertThat(TlsProvider.parse(" jdk ")).isEqualTo(TlsProvider.JDK);
        assertThatThrownBy(() -> TlsProvider.parse("gnutls")).hasMessageContaining("gnutls");
        assertThat(TlsProvider.defaultProvider()).isEqualTo(TlsProvider.OPENSSL);
    }

    @Test
    void bothProvidersAreAvailableOnThisMachine() {
        // protocol.md 11: netty-tcnative-boringssl-static loads on the project's machines.
        TlsProvider.Availability openssl = TlsProvider.OPENSSL.availability();
        assertThat(openssl.available()).as(openssl.reason()).isTrue();
        assertThat(openssl.reason()).isEqualTo("BoringSSL");
        assertThat(TlsProvider.JDK.availability().available()).isTrue();
        assertThat(TlsProvider.preferred()).isEqualTo(TlsProvider.OPENSSL);
    }

    @Test
    void jdkDisablesLegacyVersionsHere() {
        // The stock java.security of JDK 17 lists TLSv1 and TLSv1.1 in jdk.tls.disabledAlgorithms.
        assertThat(TlsProvider.jdkDisabledProtocols()).contains("TLSv1", "TLSv1.1").doesNotContain("TLSv1.2");
    }

    @Test
    void secretMasksAndCopies() {
        Secret s = Secret.of("hunter2");
        assertThat(s.toString()).isEqualTo("****");
        char[] a = s.chars();
        a[0] = 'X';
        assertThat(s.chars()).containsExactly('h', 'u', 'n', 't', 'e', 'r', '2');
        char[] source = {'a', 'b'};
        Secret fromChars = Secret.of(source);
        source[0] = 'z';
        assertThat(fromChars.chars()).containsExactly('a', 'b');
        assertThat(Secret.of("").isEmpty()).isTrue();
    }
}
