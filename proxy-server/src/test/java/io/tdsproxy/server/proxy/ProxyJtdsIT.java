package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jTDS 1.3.1 through the proxy in front of the embedded backend. jTDS does its own TLS-in-TDS on top
 * of a JSSE {@code SSLSocket}: {@code ssl=request} sends PRELOGIN ENCRYPT_OFF (login-only unless the
 * server forces), {@code ssl=require} ENCRYPT_ON, and {@code ssl=off} (the default) sends no PRELOGIN at
 * all, its first packet being the LOGIN7. jTDS never validates the certificate in these modes.
 */
class ProxyJtdsIT extends EmbeddedBackendSupport {
    private ProxyFixture proxy(boolean force) throws Exception {
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, force, TlsProvider.OPENSSL);
        return closer.register(proxy);
    }

    private static Connection connect(ProxyFixture proxy, String ssl) throws SQLException {
        return DriverManager.getConnection("jdbc:jtds:sqlserver://127.0.0.1:" + proxy.port() + "/" + backend.database()
                + ";ssl=" + ssl + ";loginTimeout=15", EmbeddedTdsServer.DEFAULT_USER, EmbeddedTdsServer.DEFAULT_PASSWORD);
    }

    /** jTDS's {@code ssl} setting under each {@code forceencryption}: the query works and the proxy saw that mode. */
    @ParameterizedTest(name = "ssl={0} forceencryption={1} -> {2}")
    @CsvSource({
        "off,     false, PLAINTEXT",
        "request, false, LOGIN_ONLY",
        "require, false, FULL_TLS",
        "request, true,  FULL_TLS",
        "require, true,  FULL_TLS"})
    void sslSettingGivesTheExpectedClientLegMode(String ssl, boolean force, ClientLegMode expected) throws Exception {
        ProxyFixture proxy = proxy(force);
        try (Connection c = connect(proxy, ssl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1, REPEAT('x', 100000)")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            // 200 KB of UCS-2: many TDS packets, so many TLS records on a full-TLS leg
            assertThat(rs.getString(2)).isEqualTo("x".repeat(100_000));
        }
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(expected);
        assertThat(record.tlsProtocol()).isEqualTo(expected == ClientLegMode.PLAINTEXT
                ? Optional.empty() : Optional.of("TLSv1.2"));
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.RELAYED);
        assertThat(closed.bytesToClient()).isGreaterThan(200_000);
    }

    /**
     * {@code ssl=off} sends LOGIN7 with no PRELOGIN at all; a forcing proxy answers it with its TDS error,
     * which jTDS shows as the exception text.
     */
    @Test
    void sslOffAgainstForcedEncryptionShowsTheProxysError() throws Exception {
        ProxyFixture proxy = proxy(true);
        assertThatThrownBy(() -> connect(proxy, "off").close())
                .isInstanceOf(SQLException.class)
                .hasMessage("The server requires encryption, but the client did not enable it. "
                        + "Connect with encryption enabled (for example encrypt=true).");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.ENCRYPTION_REQUIRED);
        assertThat(closed.bytesToBackend()).isZero();
        assertThat(proxy.events.anyEstablished()).isFalse();
    }
}
