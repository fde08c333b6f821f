package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.clients.TediousClient;
import io.tdsproxy.testkit.clients.TediousReport;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tedious (Node.js, TLS through Node's OpenSSL) through the proxy in front of the embedded backend,
 * for each {@code encrypt} setting under {@code forceencryption} 0 and 1. tedious sends ENCRYPT_ON for
 * {@code encrypt:true} and ENCRYPT_NOT_SUP for {@code encrypt:false}, never OFF, so it never gets
 * login-only TLS (protocol.md 3.3). The client's view is its query result or error; the proxy's view is
 * its connection events.
 */
class ProxyTediousIT extends EmbeddedBackendSupport {
    private ProxyFixture proxy(boolean force, TlsProvider provider, List<String> protocols) throws Exception {
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, force, provider, protocols);
        return closer.register(proxy);
    }

    private ProxyFixture proxy(boolean force) throws Exception {
        return proxy(force, TlsProvider.OPENSSL, List.of("TLSv1.2"));
    }

    private static TediousClient tedious(ProxyFixture proxy) {
        return TediousClient.connectTo("127.0.0.1", proxy.port())
                .login(EmbeddedTdsServer.DEFAULT_USER, EmbeddedTdsServer.DEFAULT_PASSWORD);
    }

    /** encrypt:true with the test CA and the certificate's name: verified TLS for the whole connection. */
    private static TediousClient verifying(ProxyFixture proxy) {
        return tedious(proxy).encrypt(true).trustedCa(pki.caPem).serverName("localhost");
    }

    private static void assertSelectOne(TediousReport report) {
        assertThat(report.connectError()).as(report.toString()).isNull();
        assertThat(report.only().error()).as(report.toString()).isNull();
        assertThat(report.only().resultSets().get(0).rows()).containsExactly(List.of(BigDecimal.ONE));
    }

    @ParameterizedTest(name = "forceencryption={0} provider={1}")
    @CsvSource({"false, OPENSSL", "true, OPENSSL", "false, JDK", "true, JDK"})
    void encryptTrueWithTheTestCaIsFullTls(boolean force, TlsProvider provider) throws Exception {
        ProxyFixture proxy = proxy(force, provider, List.of("TLSv1.2"));
        TediousReport report = verifying(proxy).sql("SELECT 1").run();
        assertSelectOne(report);
        assertThat(report.tlsProtocol()).contains("TLSv1.2");

        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        assertThat(record.tlsProtocol()).contains("TLSv1.2");
        assertThat(record.tlsCipher()).isPresent();
    }

    @Test
    void encryptFalseIsPlaintextWhenEncryptionIsNotForced() throws Exception {
        ProxyFixture proxy = proxy(false);
        TediousReport report = tedious(proxy).encrypt(false).sql("SELECT 1").run();
        assertSelectOne(report);
        assertThat(report.tlsProtocol()).isEmpty();
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        assertThat(record.tlsProtocol()).isEmpty();
    }

    @Test
    void encryptFalseAgainstForcedEncryptionShowsTediousOwnError() throws Exception {
        ProxyFixture proxy = proxy(true);
        TediousReport report = tedious(proxy).encrypt(false).sql("SELECT 1").run();
        assertThat(report.connected()).isFalse();
        // The proxy answers ENCRYPT_REQ (protocol.md 3.2); tedious gives up before sending its LOGIN7.
        assertThat(report.connectError().code()).isEqualTo("EENCRYPT");
        assertThat(report.connectError().message())
                .isEqualTo("Server requires encryption, set 'encrypt' config option to true.");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.CLIENT_CLOSED);
        assertThat(closed.bytesToBackend()).isZero();
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    @ParameterizedTest(name = "forceencryption={0}")
    @ValueSource(booleans = {false, true})
    void wrongServerNameFailsWithNodesAltnameError(boolean force) throws Exception {
        ProxyFixture proxy = proxy(force);
        TediousReport report = verifying(proxy).serverName("db.example.org").sql("SELECT 1").run();
        assertThat(report.connected()).isFalse();
        assertThat(report.connectError().code()).isEqualTo("ESOCKET");
        assertThat(report.connectError().message()).contains("Hostname/IP does not match certificate's altnames: "
                + "Host: db.example.org. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1");
        assertThat(report.connectError().cause().code()).isEqualTo("ERR_TLS_CERT_ALTNAME_INVALID");
        assertRejectedAfterHandshake(proxy);
    }

    @ParameterizedTest(name = "forceencryption={0}")
    @ValueSource(booleans = {false, true})
    void untrustedCaFailsInNode(boolean force) throws Exception {
        ProxyFixture proxy = proxy(force);
        TediousReport report = tedious(proxy).encrypt(true).serverName("localhost").sql("SELECT 1").run();
        assertThat(report.connected()).isFalse();
        assertThat(report.connectError().code()).isEqualTo("ESOCKET");
        assertThat(report.connectError().message()).contains("self-signed certificate in certificate chain");
        assertThat(report.connectError().cause().code()).isEqualTo("SELF_SIGNED_CERT_IN_CHAIN");
        assertRejectedAfterHandshake(proxy);
    }

    /**
     * Node checks the certificate once the handshake is complete, so the proxy sees a finished TLS 1.2
     * handshake and then the client leaving before its LOGIN7: nothing reaches the backend.
     */
    private static void assertRejectedAfterHandshake(ProxyFixture proxy) throws InterruptedException {
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.CLIENT_CLOSED);
        assertThat(closed.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        assertThat(closed.bytesToBackend()).isZero();
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    /**
     * Each TLS version offered alone by Node (TLS 1.0/1.1 need OpenSSL security level 0 on Node 20) is
     * accepted when {@code tlsprotocols} lists it and refused when it does not.
     */
    @ParameterizedTest(name = "tedious {0} against tlsprotocols {1}")
    @CsvSource(delimiter = ';', value = {
        "TLSv1;   TLSv1 TLSv1.1 TLSv1.2; TLSv1",
        "TLSv1.1; TLSv1 TLSv1.1 TLSv1.2; TLSv1.1",
        "TLSv1.2; TLSv1 TLSv1.1 TLSv1.2; TLSv1.2",
        "TLSv1;   TLSv1.2;               REFUSED",
        "TLSv1.1; TLSv1.2;               REFUSED",
        "TLSv1.2; TLSv1 TLSv1.1;         REFUSED"})
    void tlsVersionsAreAcceptedOnlyWhenListed(String offered, String listed, String expected) throws Exception {
        ProxyFixture proxy = proxy(false, TlsProvider.OPENSSL, List.of(listed.split(" ")));
        TediousReport report = verifying(proxy).tlsVersions(offered, offered).ciphers("DEFAULT@SECLEVEL=0")
                .sql("SELECT 1").run();
        if (expected.equals("REFUSED")) {
            assertThat(report.connected()).as(report.toString()).isFalse();
            assertThat(report.connectError().code()).isEqualTo("ESOCKET");
            assertThat(report.connectError().message()).containsAnyOf("alert protocol version", "unsupported protocol");
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.TLS_FAILED);
            assertThat(proxy.events.anyEstablished()).isFalse();
        } else {
            assertSelectOne(report);
            assertThat(report.tlsProtocol()).contains(expected);
            ConnectionRecord record = proxy.events.nextEstablished();
            assertThat(record.mode()).isEqualTo(ClientLegMode.FULL_TLS);
            assertThat(record.tlsProtocol()).contains(expected);
        }
    }

    @Test
    void trustServerCertificateSkipsValidationAndIsFullTls() throws Exception {
        ProxyFixture proxy = proxy(false);
        TediousReport report = tedious(proxy).encrypt(true).trustServerCertificate(true).sql("SELECT 1").run();
        assertSelectOne(report);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void hundredThousandRowsThroughFullTls() throws Exception {
        ProxyFixture proxy = proxy(true);
        TediousReport report = verifying(proxy)
                .sql("SELECT X, REPEAT('v', 40) FROM SYSTEM_RANGE(1, 100000)").run();
        List<List<Object>> rows = report.only().resultSets().get(0).rows();
        assertThat(rows).hasSize(100_000);
        long sum = 0;
        for (List<Object> row : rows) {
            sum += Long.parseLong((String) row.get(0));
            assertThat(row.get(1)).isEqualTo("v".repeat(40));
        }
        assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
        assertThat(report.tlsProtocol()).contains("TLSv1.2");
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.bytesToClient()).isGreaterThan(100_000L * 80);
    }

    /** tedious's encrypt:true sends ENCRYPT_ON; a proxy without a certificate ends it as SQL Server would. */
    @Test
    void encryptTrueAgainstAProxyWithoutCertificateShowsTheProxysError() throws Exception {
        ProxyFixture proxy = ProxyFixture.plaintext(backend.port());
        closer.register(proxy);
        TediousReport report = verifying(proxy).sql("SELECT 1").run();
        assertThat(report.connected()).isFalse();
        assertThat(report.connectError().code()).isEqualTo("ELOGIN");
        assertThat(report.connectError().message())
                .isEqualTo("The client requires encryption, but the server has no TLS certificate configured.");
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.bytesToBackend()).isZero();
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    /** encrypt:'strict' is TDS 8.0 (TLS first) on the same port: ALPN tds/8.0, TLS 1.3 when listed. */
    @Test
    void strictEncryptionIsTds8OnTheSamePort() throws Exception {
        ProxyFixture proxy = proxy(false, TlsProvider.OPENSSL, List.of("TLSv1.2", "TLSv1.3"));
        TediousReport report = verifying(proxy).encryptStrict().sql("SELECT 1").run();
        assertSelectOne(report);
        ConnectionRecord record = proxy.events.nextEstablished();
        assertThat(record.mode()).isEqualTo(ClientLegMode.STRICT);
        assertThat(record.tlsProtocol()).contains("TLSv1.3");
    }
}
