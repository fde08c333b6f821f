package io.tdsproxy.server.proxy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.netty.handler.ssl.SslContext;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.testkit.clients.ExternalProcess;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The classic client-side TLS failures, produced by real clients over real sockets against both TLS
 * providers of the proxy: each is logged exactly once, at INFO, without a stack trace, naming the
 * connection, the client address, the alert or cause, and the documented explanation.
 */
class HandshakeDiagnosisIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    /** A CA that did not issue the proxy's certificate: trusting only it is "not trusting the certificate". */
    static Path otherCa;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private LogLines log;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        otherCa = Files.createDirectories(dir.resolve("other"));
        otherCa = new TestPki(otherCa).caPem;
    }

    @BeforeEach
    void capture() {
        log = new LogLines(org.slf4j.Logger.ROOT_LOGGER_NAME);
        resources.add(log);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ProxyFixture proxy(List<String> protocols, TlsProvider provider) throws Exception {
        FakeBackend backend = new FakeBackend();
        resources.add(backend);
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, false, provider, protocols);
        resources.add(proxy);
        return proxy;
    }

    /** The one INFO line about the failed connection; asserts there is exactly one and no stack trace. */
    private String theOneLine(ProxyFixture proxy) throws InterruptedException {
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).as(closed.toString()).isEqualTo(ConnectionOutcome.TLS_FAILED);
        List<ILoggingEvent> lines = log.infoAndAbove(closed.id());
        assertThat(lines).as("INFO+ lines of conn=%d", closed.id()).hasSize(1);
        ILoggingEvent line = lines.get(0);
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getThrowableProxy()).as("stack trace").isNull();
        assertThat(line.getLoggerName()).isEqualTo(ClientSession.class.getName());
        assertThat(log.proxyOrNettyWarnings()).as("no WARN/ERROR (e.g. a stack trace at a pipeline's tail)").isEmpty();
        String text = line.getFormattedMessage();
        assertThat(text).contains("conn=" + closed.id(), closed.client().toString(), "TLS handshake failed");
        return text;
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void mssqlJdbcWithoutTheCaClosesAfterTheCertificate(TlsProvider provider) throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), provider);
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true")))
                .isInstanceOf(SQLException.class).hasMessageContaining("PKIX path building failed");
        assertThat(theOneLine(proxy))
                .contains("client closed the connection right after the proxy's certificate, without a TLS alert")
                .contains(HandshakeDiagnosis.CLOSED_AFTER_CERTIFICATE);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void mssqlJdbcWithAWrongHostNameInCertificateIsALikelyNameMismatch(TlsProvider provider) throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), provider);
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(),
                ";encrypt=true;hostNameInCertificate=db.example.org" + Jdbc.trustStore(pki))))
                .isInstanceOf(SQLException.class).hasMessageContaining("db.example.org");
        assertThat(theOneLine(proxy)).contains("likely a name mismatch");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientThatRefusesTheCertificateWithAnAlert(TlsProvider clientProvider) throws Exception {
        for (TlsProvider proxyProvider : TlsProvider.values()) {
            log.clear();
            ProxyFixture proxy = proxy(List.of("TLSv1.2"), proxyProvider);
            SslContext refusing = ClientTlsContexts.tds7(TrustSettings.ca(otherCa), List.of("TLSv1.2"), clientProvider);
            try (TdsTestClient client = new TdsTestClient(proxy.port())) {
                client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON));
                assertThat(client.attemptTls(refusing).handshakeFuture().isSuccess()).isFalse();
                String line = theOneLine(proxy);
                if (clientProvider == TlsProvider.JDK) {
                    assertThat(line).as("proxy provider %s", proxyProvider)
                            .containsPattern("client sent TLS alert (certificate_unknown|bad_certificate|unknown_ca)")
                            .contains("the client does not trust the certificate", "install the CA certificate");
                } else {
                    // netty-tcnative reports any trust-manager refusal as internal_error (measured here).
                    assertThat(line).as("proxy provider %s", proxyProvider)
                            .contains("client sent TLS alert internal_error", HandshakeDiagnosis.INTERNAL_AFTER_CERTIFICATE);
                }
            }
        }
    }

    /** FreeTDS (GnuTLS) with a CA file that did not issue the proxy's certificate also hangs up silently. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void freetdsTsqlWithAnotherCaClosesAfterTheCertificate(TlsProvider provider) throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), provider);
        Path conf = Files.writeString(dir.resolve("freetds-" + provider + ".conf"), "[global]\n[proxy]\n"
                + "\thost = 127.0.0.1\n\tport = " + proxy.port() + "\n\ttds version = 7.4\n"
                + "\tencryption = require\n\tca file = " + otherCa + "\n");
        ExternalProcess.Result tsql = ExternalProcess.of("tsql", "-S", "proxy", "-U", Jdbc.USER, "-P", Jdbc.PASSWORD)
                .env("FREETDSCONF", conf.toString()).stdin("exit\n").timeout(Duration.ofSeconds(60)).run();
        assertThat(tsql.stdout() + tsql.stderr()).as(tsql.describe()).contains("problem connecting");
        assertThat(theOneLine(proxy)).contains("right after the proxy's certificate, without a TLS alert",
                "likely a name mismatch or an untrusted certificate");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls10OnlyClientAgainstTls12(TlsProvider proxyProvider) throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), proxyProvider);
        SslContext tls10 = ClientTlsContexts.tds7(TrustSettings.ca(pki.caPem), List.of("TLSv1"), TlsProvider.OPENSSL);
        try (TdsTestClient client = new TdsTestClient(proxy.port())) {
            client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON));
            assertThat(client.attemptTls(tls10).handshakeFuture().isSuccess()).isFalse();
            assertThat(theOneLine(proxy))
                    .contains("client and proxy share no TLS version: proxy allows TLSv1.2, client offered up to TLSv1");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void noCipherSuiteInCommon(TlsProvider provider) throws Exception {
        FakeBackend backend = new FakeBackend();
        resources.add(backend);
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, provider, "ECDHE-RSA-AES128-GCM-SHA256");
        resources.add(proxy);
        SslContext other = ClientTlsContexts.tds7(TrustSettings.ca(pki.caPem), List.of("TLSv1.2"),
                "ECDHE-RSA-AES256-GCM-SHA384", TlsProvider.OPENSSL);
        try (TdsTestClient client = new TdsTestClient(proxy.port())) {
            client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON));
            assertThat(client.attemptTls(other).handshakeFuture().isSuccess()).isFalse();
            assertThat(theOneLine(proxy)).contains("no shared cipher suite",
                    "client and proxy share no cipher suite for TLSv1.2", "network.tlsciphers");
        }
    }

    @org.junit.jupiter.api.Test
    void mssqlJdbcAgainstATls10OnlyProxy() throws Exception {
        // The JDK provider cannot serve TLS 1.0 under the default jdk.tls.disabledAlgorithms.
        ProxyFixture proxy = proxy(List.of("TLSv1"), TlsProvider.OPENSSL);
        assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=true" + Jdbc.trustStore(pki))))
                .isInstanceOf(SQLException.class);
        assertThat(theOneLine(proxy))
                .containsPattern("client and proxy share no TLS version: proxy allows TLSv1, client offered TLSv1\\.[23]");
    }
}
