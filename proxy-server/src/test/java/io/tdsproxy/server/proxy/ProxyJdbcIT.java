package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mssql-jdbc through the proxy, for each way the driver and {@code forceencryption} combine
 * (protocol.md 3.3): what the driver does is checked by the query result or its error text, what the
 * proxy did by its connection events.
 */
class ProxyJdbcIT extends TestPkiSupport {
    private FakeBackend backend;

    private ProxyFixture proxy(boolean certificate, boolean force) throws Exception {
        backend = new FakeBackend();
        closer.register(backend);
        ProxyFixture proxy = certificate ? ProxyFixture.tls(backend.port(), pki, force)
                : ProxyFixture.plaintext(backend.port());
        closer.register(proxy);
        return proxy;
    }

    @Test
    void encryptFalseAgainstACertificateIsLoginOnly() throws Exception {
        ProxyFixture proxy = proxy(true, false);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false"))).isEqualTo(1);

        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
        assertThat(record.tlsProtocol()).contains("TLSv1.2");
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.RELAYED);
    }

    @Test
    void encryptFalseWithoutCertificateIsPlaintext() throws Exception {
        ProxyFixture proxy = proxy(false, false);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false"))).isEqualTo(1);
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        assertThat(record.tlsProtocol()).isEmpty();
    }

    @Test
    void encryptTrueWithTheTestCaIsFullTls() throws Exception {
        ProxyFixture proxy = proxy(true, false);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true" + Jdbc.trustStore(pki)))).isEqualTo(1);

        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        assertThat(record.tlsProtocol()).contains("TLSv1.2");
        assertThat(record.tlsCipher()).isPresent();
    }

    @Test
    void encryptTrueTrustingAnyCertificateIsFullTls() throws Exception {
        ProxyFixture proxy = proxy(true, false);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true;trustServerCertificate=true"))).isEqualTo(1);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void hostNameInCertificateMismatchFailsInTheDriver() throws Exception {
        ProxyFixture proxy = proxy(true, false);
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(),
                ";encrypt=true;hostNameInCertificate=db.example.org" + Jdbc.trustStore(pki))))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Failed to validate the server name \"db.example.org\"");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.TLS_FAILED);
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    @Test
    void untrustedCertificateFailsInTheDriver() throws Exception {
        ProxyFixture proxy = proxy(true, false);
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("PKIX path building failed");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.TLS_FAILED);
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    @Test
    void forcedEncryptionUpgradesEncryptFalseToFullTls() throws Exception {
        ProxyFixture proxy = proxy(true, true);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false;trustServerCertificate=true"))).isEqualTo(1);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void forcedEncryptionMakesTheDriverValidateTheCertificate() throws Exception {
        ProxyFixture proxy = proxy(true, true);
        // Since 10.2 the driver validates when the server forces encryption, even with encrypt=false.
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("PKIX path building failed");
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false" + Jdbc.trustStore(pki)))).isEqualTo(1);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void forcedEncryptionWithEncryptTrue() throws Exception {
        ProxyFixture proxy = proxy(true, true);
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true" + Jdbc.trustStore(pki)))).isEqualTo(1);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void deadBackendShowsTheProxysErrorText() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        ProxyFixture proxy = ProxyFixture.tls(deadPort, pki, false);
        closer.register(proxy);
        for (String encrypt : new String[] {";encrypt=false", ";encrypt=true" + Jdbc.trustStore(pki)}) {
            assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), encrypt)))
                    .as(encrypt)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("tdsproxy could not use the backend 127.0.0.1:" + deadPort
                            + ": cannot connect: Connection refused");
            assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.BACKEND_UNAVAILABLE);
        }
    }
}
