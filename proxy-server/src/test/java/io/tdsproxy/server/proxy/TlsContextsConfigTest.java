package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which TLS contexts a configuration yields at start-up, and the errors that stop the proxy instead. */
class TlsContextsConfigTest {
    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
    }

    private static ProxyConfig network(String protocols, boolean forceStrict) {
        TlsConfig tls = new TlsConfig(pki.certificate, pki.key, null, TlsProtocols.parse(protocols), null,
                TlsProvider.OPENSSL);
        return ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.of(tls), forceStrict),
                new BackendConfig("127.0.0.1", 1433));
    }

    @Test
    void strictUsesTheTls12And13EntriesOfTheSameCertificate() throws Exception {
        ReloadableTls both = ServerTls.create(network("1.0,1.2,1.3", false)).orElseThrow();
        assertThat(both.strictContext()).isPresent();
        assertThat(both.served().strictContext()).isPresent();
        ReloadableTls legacyOnly = ServerTls.create(network("1.0", false)).orElseThrow();
        assertThat(legacyOnly.strictContext()).as("no strict without 1.2/1.3").isEmpty();
    }

    @Test
    void forceStrictNeedsAStrictProtocolAndTds7NeverGets13() {
        assertThatThrownBy(() -> ServerTls.create(network("1.0,1.1", true))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[network] tlsprotocols").hasMessageContaining("forcestrict");
        // TDS 7.x never carries 1.3, and this version builds the TDS 7.x context in every case.
        assertThatThrownBy(() -> ServerTls.create(network("1.3", false))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tlsprotocols").hasMessageContaining("TDS 7.x");
    }

    @Test
    void backendContextFollowsEncrypt() throws Exception {
        assertThat(BackendTls.create(network("1.2", false))).isEmpty();
        ProxyConfig on = ProxyConfig.of(network("1.2", false).network(), new BackendConfig("db", 1433,
                new BackendTlsConfig(BackendEncrypt.ON, false, pki.caPem, null, List.of("TLSv1.2", "TLSv1.3"))));
        assertThat(BackendTls.create(on)).hasValueSatisfying(c -> assertThat(c.isClient()).isTrue());
        Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");
        ProxyConfig bad = ProxyConfig.of(on.network(), new BackendConfig("db", 1433,
                new BackendTlsConfig(BackendEncrypt.STRICT, false, notPem, null, List.of("TLSv1.3"))));
        assertThatThrownBy(() -> BackendTls.create(bad)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("[backend] cafile");
    }
}
