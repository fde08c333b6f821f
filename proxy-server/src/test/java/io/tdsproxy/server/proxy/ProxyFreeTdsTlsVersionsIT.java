package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.clients.FreeTdsConfig;
import io.tdsproxy.testkit.clients.FreeTdsConfig.Encryption;
import io.tdsproxy.testkit.clients.TsqlClient;
import io.tdsproxy.testkit.clients.TsqlRun;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tlsprotocols} seen from GnuTLS (FreeTDS tsql, full TLS, validating the test CA): each version
 * listed on the proxy is negotiated when the client offers it, and a version the client does not offer
 * fails the handshake. FreeTDS 1.3 offers TLS 1.0 only with {@code enable tls v1 = yes}.
 */
class ProxyFreeTdsTlsVersionsIT extends EmbeddedBackendSupport {
    @TempDir
    Path dir;
    private ProxyFixture proxy;

    @ParameterizedTest(name = "proxy tlsprotocols={0} on {1}, client enable tls v1={2} -> {3}")
    @CsvSource({
        "TLSv1,                OPENSSL, true,  TLSv1",
        "TLSv1,                OPENSSL, false, refused",
        "TLSv1.1,              OPENSSL, false, TLSv1.1",
        "TLSv1.2,              OPENSSL, true,  TLSv1.2",
        "TLSv1 TLSv1.1,        OPENSSL, true,  TLSv1.1",
        "TLSv1 TLSv1.1 TLSv1.2, OPENSSL, true, TLSv1.2",
        "TLSv1.2,              JDK,     false, TLSv1.2",
    })
    void listedVersionsAreNegotiatedAndOthersRefused(String listed, TlsProvider provider, boolean clientTlsV1,
                                                     String expected) throws Exception {
        proxy = closer.register(ProxyFixture.tls(backend.port(), pki, false, provider, Arrays.asList(listed.split(" "))));
        FreeTdsConfig config = FreeTdsConfig.of("127.0.0.1", proxy.port(), Encryption.REQUIRE).trusting(pki.caPem);
        TsqlRun run = TsqlClient.create(clientTlsV1 ? config.withTlsV1Enabled() : config, dir)
                .login(Jdbc.USER, Jdbc.PASSWORD).run("SELECT 1");
        if (expected.equals("refused")) {
            assertThat(run.exitCode()).as(run.describe()).isNotZero();
            assertThat(run.messages()).as(run.describe()).contains("Adaptive Server connection failed");
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.TLS_FAILED);
            assertThat(proxy.events.anyEstablished()).isFalse();
        } else {
            assertThat(run.rows()).as(run.describe()).containsExactly(List.of("1"));
            ConnectionRecord record = proxy.events.nextEstablished();
            assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
            assertThat(record.tlsProtocol()).as(record.toString()).contains(expected);
        }
    }
}
