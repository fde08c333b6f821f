package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.TlsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend with the encryption policy each {@code [backend] encrypt} mode needs, with its own CA:
 * a second tdsproxy, configured as a SQL Server would be ({@code forceencryption = 0} answers login-only,
 * {@code 1} forces full TLS, {@code forcestrict = 1} serves TDS 8.0 only), in front of a plaintext
 * database. Its connection events show what its client leg (the proxy under test) really did.
 */
final class BackendUnderTest implements AutoCloseable {
    /** The name in the backend's certificate: dotted, so that TLS clients send it as SNI. */
    static final String NAME = "db.backend.test";

    private final ProxyFixture server;
    private final Path caPem;
    private final int plainPort;

    private BackendUnderTest(ProxyFixture server, Path caPem, int plainPort) {
        this.server = server;
        this.caPem = caPem;
        this.plainPort = plainPort;
    }

    /** For {@code off} the database itself; for the others a TLS-terminating server in front of it. */
    static BackendUnderTest start(BackendEncrypt encrypt, TestPki pki, int databasePort) throws Exception {
        if (encrypt == BackendEncrypt.OFF) {
            return new BackendUnderTest(null, null, databasePort);
        }
        Path dir = Files.createTempDirectory(pki.certificate.getParent(), "backend-" + encrypt.configValue());
        TestPki backendPki = new TestPki(dir, NAME);
        TlsConfig tls = new TlsConfig(backendPki.certificate, backendPki.key, null,
                encrypt == BackendEncrypt.STRICT ? List.of("TLSv1.2", "TLSv1.3") : List.of("TLSv1.2"), null,
                TlsProvider.OPENSSL);
        NetworkConfig network = new NetworkConfig("127.0.0.1", 0, encrypt == BackendEncrypt.ON, Optional.of(tls),
                encrypt == BackendEncrypt.STRICT);
        ProxyFixture server = ProxyFixture.start(ProxyConfig.of(network, new BackendConfig("127.0.0.1", databasePort)));
        return new BackendUnderTest(server, backendPki.caPem, 0);
    }

    int port() {
        return server == null ? plainPort : server.port();
    }

    Path caPem() {
        return caPem;
    }

    /** The backend-leg mode the proxy under test must record for {@code encrypt}. */
    static BackendLegMode expectedMode(BackendEncrypt encrypt) {
        switch (encrypt) {
            case LOGIN: return BackendLegMode.LOGIN_ONLY;
            case ON: return BackendLegMode.FULL_TLS;
            case STRICT: return BackendLegMode.STRICT;
            default: return BackendLegMode.PLAINTEXT;
        }
    }

    /** Checks, from the backend's side, how the proxy under test connected to it. */
    void assertClientLeg(BackendEncrypt encrypt) throws InterruptedException {
        if (server == null) {
            return;
        }
        ConnectionRecord seen = server.events.nextEstablished();
        switch (encrypt) {
            case LOGIN:
                assertThat(seen.mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
                break;
            case ON:
                assertThat(seen.mode()).isEqualTo(ClientLegMode.FULL_TLS);
                break;
            default:
                assertThat(seen.mode()).isEqualTo(ClientLegMode.STRICT);
                assertThat(seen.tlsProtocol()).contains("TLSv1.3");
                assertThat(seen.sniHostName()).contains(NAME);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
