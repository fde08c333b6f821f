package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backend legs that must not be used, each shown to mssql-jdbc as a login error in the words SQL
 * Server's clients use, and recorded as BACKEND_UNAVAILABLE: an untrusted backend certificate, a
 * certificate for another name, and a backend that forces encryption while {@code encrypt = off}.
 */
class BackendTlsFailureIT {
    @TempDir
    static Path dir;
    static TestPki otherCa;
    static final List<AutoCloseable> RESOURCES = new ArrayList<>();
    static BackendUnderTest forcing;
    static BackendUnderTest strict;

    @BeforeAll
    static void servers() throws Exception {
        otherCa = new TestPki(dir, "unrelated.test");
        forcing = BackendUnderTest.start(BackendEncrypt.ON, dir);
        RESOURCES.add(forcing);
        strict = BackendUnderTest.start(BackendEncrypt.STRICT, dir);
        RESOURCES.add(strict);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = RESOURCES.size() - 1; i >= 0; i--) {
            RESOURCES.get(i).close();
        }
        RESOURCES.clear();
    }

    private static ProxyFixture proxy(BackendUnderTest backend, BackendTlsConfig tls) throws Exception {
        ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.empty()),
                new BackendConfig("127.0.0.1", backend.port(), tls)));
        RESOURCES.add(proxy);
        return proxy;
    }

    private static BackendTlsConfig tls(BackendEncrypt encrypt, Path caFile, String name) {
        return new BackendTlsConfig(encrypt, false, caFile, name, List.of("TLSv1.2", "TLSv1.3"));
    }

    private static void assertRefused(ProxyFixture proxy, String text) throws InterruptedException {
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("tdsproxy could not use the backend 127.0.0.1:")
                .hasMessageContaining(text);
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.BACKEND_UNAVAILABLE);
        assertThat(closed.detail()).contains(text);
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    @Test
    void untrustedBackendCertificate() throws Exception {
        for (BackendUnderTest backend : List.of(forcing, strict)) {
            BackendEncrypt encrypt = backend == strict ? BackendEncrypt.STRICT : BackendEncrypt.ON;
            // Trusting another CA than the one that issued the backend certificate.
            ProxyFixture proxy = proxy(backend, tls(encrypt, otherCa.caPem, BackendUnderTest.NAME));
            assertRefused(proxy, "The certificate chain was issued by an authority that is not trusted.");
        }
    }

    @Test
    void backendCertificateForAnotherName() throws Exception {
        for (BackendUnderTest backend : List.of(forcing, strict)) {
            BackendEncrypt encrypt = backend == strict ? BackendEncrypt.STRICT : BackendEncrypt.ON;
            ProxyFixture proxy = proxy(backend, tls(encrypt, backend.caPem(), "db.elsewhere.test"));
            assertRefused(proxy, "The target principal name is incorrect.");
        }
    }

    @Test
    void backendForcingEncryptionWhileEncryptIsOff() throws Exception {
        ProxyFixture proxy = proxy(forcing, BackendTlsConfig.OFF);
        assertRefused(proxy, "SQL Server login requires an encrypted connection");
    }

    @Test
    void backendWithoutEncryptionWhileEncryptIsOn() throws Exception {
        EmbeddedTdsServer plain = EmbeddedTdsServer.builder().build().start();
        RESOURCES.add(plain);
        ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, false, Optional.empty()),
                new BackendConfig("127.0.0.1", plain.port(), tls(BackendEncrypt.ON, otherCa.caPem, null))));
        RESOURCES.add(proxy);
        assertRefused(proxy, "the backend does not offer full encryption (PRELOGIN ENCRYPTION NOT_SUP)");
    }
}
