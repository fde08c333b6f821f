package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridging matrix of issue 4 with mssql-jdbc: every client-leg mode (plaintext, login-only, full
 * TLS 1.2, strict TLS 1.2, strict TLS 1.3) times every {@code [backend] encrypt} (off, login, on,
 * strict). Each cell runs a query through the proxy and checks the mode of both legs as the proxy
 * recorded them and as the embedded backend (with the policy that mode meets) recorded its client
 * leg. Servers are started once and shared by the cells.
 */
class BridgeMatrixIT {
    enum ClientLeg {
        PLAINTEXT(ClientLegMode.PLAINTEXT, null, ";encrypt=false"),
        LOGIN_ONLY(ClientLegMode.LOGIN_ONLY, "TLSv1.2", ";encrypt=false"),
        FULL_TLS_1_2(ClientLegMode.FULL_TLS, "TLSv1.2", ";encrypt=true;sslProtocol=TLSv1.2"),
        STRICT_TLS_1_2(ClientLegMode.STRICT, "TLSv1.2", ";encrypt=strict;sslProtocol=TLSv1.2"),
        STRICT_TLS_1_3(ClientLegMode.STRICT, "TLSv1.3", ";encrypt=strict;sslProtocol=TLSv1.3");

        final ClientLegMode mode;
        final String protocol;
        final String url;

        ClientLeg(ClientLegMode mode, String protocol, String url) {
            this.mode = mode;
            this.protocol = protocol;
            this.url = url;
        }
    }

    @TempDir
    static Path dir;
    static TestPki pki;
    static final List<AutoCloseable> RESOURCES = new ArrayList<>();
    /** Per backend mode: the embedded backend with the matching policy. */
    static final Map<BackendEncrypt, BackendUnderTest> BACKENDS = new EnumMap<>(BackendEncrypt.class);
    /** Per backend mode: the proxy under test without and with a certificate. */
    static final Map<BackendEncrypt, ProxyFixture> PLAIN_PROXIES = new EnumMap<>(BackendEncrypt.class);
    static final Map<BackendEncrypt, ProxyFixture> TLS_PROXIES = new EnumMap<>(BackendEncrypt.class);

    @BeforeAll
    static void servers() throws Exception {
        pki = new TestPki(dir);
        for (BackendEncrypt encrypt : BackendEncrypt.values()) {
            BackendUnderTest backend = use(BackendUnderTest.start(encrypt, dir));
            BACKENDS.put(encrypt, backend);
            BackendConfig target = new BackendConfig("127.0.0.1", backend.port(), new BackendTlsConfig(encrypt, false,
                    encrypt == BackendEncrypt.OFF ? null : backend.caPem(), encrypt == BackendEncrypt.OFF ? null : BackendUnderTest.NAME,
                    List.of("TLSv1.2", "TLSv1.3")));
            PLAIN_PROXIES.put(encrypt, use(ProxyFixture.start(ProxyConfig.of(
                    new NetworkConfig("127.0.0.1", 0, false, Optional.empty()), target))));
            TLS_PROXIES.put(encrypt, use(ProxyFixture.start(ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false,
                    Optional.of(new TlsConfig(pki.certificate, pki.key, null, List.of("TLSv1.2", "TLSv1.3"), null,
                            TlsProvider.OPENSSL))), target))));
        }
    }

    private static <T extends AutoCloseable> T use(T resource) {
        RESOURCES.add(resource);
        return resource;
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = RESOURCES.size() - 1; i >= 0; i--) {
            RESOURCES.get(i).close();
        }
        RESOURCES.clear();
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (ClientLeg client : ClientLeg.values()) {
            for (BackendEncrypt backend : BackendEncrypt.values()) {
                cells.add(Arguments.of(client, backend));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "client {0} x backend {1}")
    @MethodSource("cells")
    void queryRunsAndBothLegsAreInTheirMode(ClientLeg client, BackendEncrypt backend) throws Exception {
        ProxyFixture proxy = client == ClientLeg.PLAINTEXT ? PLAIN_PROXIES.get(backend) : TLS_PROXIES.get(backend);
        String url = Jdbc.url(proxy.port(), client.url + (client == ClientLeg.PLAINTEXT ? "" : Jdbc.trustStore(pki)));
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(client.mode);
        assertThat(record.tlsProtocol()).isEqualTo(Optional.ofNullable(client.protocol));
        assertThat(record.backendMode()).isEqualTo(BackendUnderTest.expectedMode(backend));
        BACKENDS.get(backend).assertClientLeg(backend);
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.RELAYED);
    }
}
