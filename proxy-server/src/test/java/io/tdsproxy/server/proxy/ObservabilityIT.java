package io.tdsproxy.server.proxy;

import io.tdsproxy.server.admin.Observability;
import io.tdsproxy.server.config.AdminConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The admin listener of a real proxy: {@code /metrics} scraped over HTTP and parsed after mssql-jdbc
 * logins through every client-leg mode into the embedded TDS server, and the health endpoints with the
 * backend up and down.
 */
class ObservabilityIT extends TestPkiSupport {
    private final RecordingListener events = new RecordingListener();
    private ProxyServer proxy;
    private InetSocketAddress admin;

    private void start(int backendPort, boolean certificate) throws Exception {
        ProxyConfig config = ProxyFixture.config(backendPort, certificate ? pki : null, false, TlsProvider.OPENSSL);
        Observability observe = Observability.create(new AdminConfig(true, "127.0.0.1", 0), events);
        closer.register(observe);
        proxy = ProxyServer.builder(config).listener(observe.listener()).workerThreads(2).connectTimeoutMillis(5_000)
                .build().start();
        closer.register(proxy);
        observe.start(proxy, config);
        admin = observe.adminAddress().orElseThrow();
    }

    private EmbeddedTdsServer backend() {
        EmbeddedTdsServer backend = EmbeddedTdsServer.builder().build().start();
        closer.register(backend);
        return backend;
    }

    private String url(String extra) {
        return "jdbc:sqlserver://localhost:" + proxy.port() + ";user=" + EmbeddedTdsServer.DEFAULT_USER + ";password="
                + EmbeddedTdsServer.DEFAULT_PASSWORD + ";loginTimeout=15" + extra;
    }

    private PrometheusText scrape() throws Exception {
        HttpResponse<String> response = AdminHttp.get(admin, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return new PrometheusText(response.body());
    }

    @Test
    void metricsAfterRealTrafficInEveryMode() throws Exception {
        start(backend().port(), true);
        String trust = ";trustStore=" + pki.trustStore + ";trustStorePassword=" + TestPki.TRUST_STORE_PASSWORD
                + ";trustStoreType=PKCS12";
        assertThat(Jdbc.selectOne(url(";encrypt=true" + trust))).isEqualTo(1);
        assertThat(Jdbc.selectOne(url(";encrypt=false"))).isEqualTo(1);
        assertThatThrownBy(() -> Jdbc.selectOne(url(";encrypt=true"))).isInstanceOf(SQLException.class);
        List<ConnectionRecord> closed = List.of(events.nextClosed(), events.nextClosed(), events.nextClosed());
        String cipher = closed.stream().filter(r -> r.mode() == ClientLegMode.FULL_TLS).findFirst().orElseThrow()
                .tlsCipher().orElseThrow();

        PrometheusText metrics = scrape();
        assertThat(metrics.value("tdsproxy_connections_accepted_total")).isEqualTo(3);
        assertThat(metrics.value("tdsproxy_connections_established_total", "mode", "full_tls")).isEqualTo(1);
        assertThat(metrics.value("tdsproxy_connections_established_total", "mode", "login_only")).isEqualTo(1);
        assertThat(metrics.value("tdsproxy_connections_established_total", "mode", "plaintext")).isZero();
        assertThat(metrics.value("tdsproxy_connections_closed_total", "mode", "full_tls", "outcome", "relayed"))
                .isEqualTo(1);
        assertThat(metrics.value("tdsproxy_connections_closed_total", "mode", "login_only", "outcome", "relayed"))
                .isEqualTo(1);
        assertThat(metrics.sum("tdsproxy_connections_closed_total", "outcome", "tls_failed")).isEqualTo(1);
        assertThat(metrics.sum("tdsproxy_connections_active")).isZero();
        assertThat(metrics.value("tdsproxy_connections_opening")).isZero();
        assertThat(metrics.value("tdsproxy_errors_total", "category", "tls")).isEqualTo(1);

        assertThat(metrics.value("tdsproxy_handshakes_total", "protocol", "TLSv1.2", "cipher", cipher,
                "outcome", "success")).isEqualTo(2);
        assertThat(metrics.value("tdsproxy_handshakes_total", "outcome", "failure")).isEqualTo(1);
        assertThat(metrics.value("tdsproxy_handshake_duration_seconds_count", "outcome", "success")).isEqualTo(2);
        assertThat(metrics.value("tdsproxy_handshake_duration_seconds_bucket", "outcome", "success", "le", "+Inf"))
                .isEqualTo(2);
        assertThat(metrics.find("tdsproxy_handshake_duration_seconds_bucket", "outcome", "success")).hasSizeGreaterThan(5);
        // The backend is connected while the client's PRELOGIN is answered: the failed handshake's too.
        assertThat(metrics.value("tdsproxy_backend_connect_duration_seconds_count", "outcome", "success"))
                .isEqualTo(3);

        long toClient = closed.stream().mapToLong(ConnectionRecord::bytesToClient).sum();
        long toBackend = closed.stream().mapToLong(ConnectionRecord::bytesToBackend).sum();
        assertThat(toClient).isPositive();
        assertThat(toBackend).isPositive();
        assertThat(metrics.value("tdsproxy_relay_bytes_total", "direction", "to_client")).isEqualTo(toClient);
        assertThat(metrics.value("tdsproxy_relay_bytes_total", "direction", "to_backend")).isEqualTo(toBackend);
        // Each driver's connection: at least the login response and the SELECT 1 result back, the batch out.
        assertThat(metrics.value("tdsproxy_relay_packets_total", "direction", "to_client")).isGreaterThanOrEqualTo(4);
        assertThat(metrics.value("tdsproxy_relay_packets_total", "direction", "to_backend")).isGreaterThanOrEqualTo(2);

        double expected = Duration.between(Instant.now(), pki.server.certificate().getNotAfter().toInstant()).getSeconds();
        assertThat(metrics.value("tdsproxy_certificate_expiry_seconds")).isCloseTo(expected, within(60.0));
        assertThat(metrics.find("jvm_memory_used_bytes")).isNotEmpty();
    }

    @Test
    void plaintextConnectionsAreCountedUnderTheirMode() throws Exception {
        start(backend().port(), false);
        assertThat(Jdbc.selectOne(url(";encrypt=false"))).isEqualTo(1);
        events.nextClosed();
        PrometheusText metrics = scrape();
        assertThat(metrics.value("tdsproxy_connections_established_total", "mode", "plaintext")).isEqualTo(1);
        assertThat(metrics.value("tdsproxy_relay_bytes_total", "direction", "to_client")).isPositive();
        assertThat(metrics.find("tdsproxy_handshakes_total")).isEmpty();
        assertThat(metrics.find("tdsproxy_certificate_expiry_seconds")).as("no certificate, no gauge").isEmpty();
    }

    @Test
    void liveAndReadyWhileEverythingIsUpAndUnreadyOnceTheListenerIsClosed() throws Exception {
        start(backend().port(), true);
        assertThat(AdminHttp.get(admin, "/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = AdminHttp.get(admin, "/health/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).startsWith("{\"status\":\"UP\"")
                .contains("\"listener\":{\"status\":\"UP\"", "\"certificate\":{\"status\":\"UP\"",
                        "\"backend\":{\"status\":\"UP\"");

        proxy.close();
        HttpResponse<String> closed = AdminHttp.get(admin, "/health/ready");
        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(closed.body()).contains("\"listener\":{\"status\":\"DOWN\",\"detail\":\"not bound\"}");
        assertThat(AdminHttp.get(admin, "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void readyFailsNamingTheBackendWhenTheBackendIsDown() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        start(deadPort, true);
        HttpResponse<String> ready = AdminHttp.get(admin, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(ready.body()).startsWith("{\"status\":\"DOWN\"")
                .contains("\"listener\":{\"status\":\"UP\"", "\"certificate\":{\"status\":\"UP\"")
                .contains("\"backend\":{\"status\":\"DOWN\",\"detail\":\"127.0.0.1:" + deadPort + " is unreachable");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        start(backend().port(), false);
        assertThat(AdminHttp.get(admin, "/metricsx").statusCode()).isEqualTo(404);
        assertThat(AdminHttp.get(admin, "/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = AdminHttp.send(admin, "/metrics", "POST");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        start(backend().port(), false);
        HttpResponse<String> head = AdminHttp.send(admin, "/health/live", "HEAD");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aDisabledAdminListenerListensNowhereButMetricsStillCount() throws Exception {
        EmbeddedTdsServer backend = backend();
        ProxyConfig config = ProxyFixture.config(backend.port(), null, false, TlsProvider.OPENSSL);
        Observability observe = Observability.create(new AdminConfig(false, "127.0.0.1", 0), events);
        closer.register(observe);
        proxy = ProxyServer.builder(config).listener(observe.listener()).workerThreads(1).build().start();
        closer.register(proxy);
        observe.start(proxy, config);
        assertThat(observe.adminAddress()).isEmpty();
        assertThat(Jdbc.selectOne(url(";encrypt=false"))).isEqualTo(1);
        events.nextClosed();
        assertThat(observe.registry().get("tdsproxy.connections.established").tag("mode", "plaintext").counter().count())
                .isEqualTo(1);
    }
}
