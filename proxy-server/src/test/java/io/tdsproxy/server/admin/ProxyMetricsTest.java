package io.tdsproxy.server.admin;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.ConnectionOutcome;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.server.proxy.HandshakeRecord;
import io.tdsproxy.server.proxy.RelayDirection;
import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.GeneratedCertificate;
import io.tdsproxy.tls.KeyMaterial;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProxyMetricsTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 50000);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProxyMetrics metrics = new ProxyMetrics(registry);

    private static ConnectionRecord record(long id, ClientLegMode mode, ConnectionOutcome outcome) {
        return new ConnectionRecord(id, CLIENT, mode, Optional.empty(), Optional.empty(), outcome, "", 0, 0);
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void certificateReloadsAreCountedByTriggerAndOutcome() {
        java.math.BigInteger serial = java.math.BigInteger.TEN;
        java.time.Instant notAfter = java.time.Instant.parse("2030-01-01T00:00:00Z");
        metrics.reloaded(new io.tdsproxy.server.proxy.ReloadResult(io.tdsproxy.server.proxy.ReloadTrigger.SIGHUP,
                io.tdsproxy.server.proxy.ReloadOutcome.RELOADED, "", serial, notAfter));
        metrics.reloaded(new io.tdsproxy.server.proxy.ReloadResult(io.tdsproxy.server.proxy.ReloadTrigger.FILE_CHANGE,
                io.tdsproxy.server.proxy.ReloadOutcome.REJECTED, "validity dates: expired", serial, notAfter));
        metrics.reloaded(new io.tdsproxy.server.proxy.ReloadResult(io.tdsproxy.server.proxy.ReloadTrigger.FILE_CHANGE,
                io.tdsproxy.server.proxy.ReloadOutcome.REJECTED, "key file permissions", serial, notAfter));
        assertThat(counter("tdsproxy.certificate.reloads", "trigger", "sighup", "outcome", "reloaded")).isEqualTo(1);
        assertThat(counter("tdsproxy.certificate.reloads", "trigger", "file_change", "outcome", "rejected")).isEqualTo(2);
    }

    @Test
    void connectionsMoveFromOpeningToActiveByModeAndAreCountedWhenClosed() {
        metrics.accepted(1, CLIENT);
        metrics.accepted(2, CLIENT);
        metrics.accepted(3, CLIENT);
        assertThat(gauge("tdsproxy.connections.opening")).isEqualTo(3);

        metrics.established(record(1, ClientLegMode.FULL_TLS, ConnectionOutcome.OPEN));
        metrics.established(record(2, ClientLegMode.LOGIN_ONLY, ConnectionOutcome.OPEN));
        assertThat(gauge("tdsproxy.connections.opening")).isEqualTo(1);
        assertThat(gauge("tdsproxy.connections.active", "mode", "full_tls")).isEqualTo(1);
        assertThat(gauge("tdsproxy.connections.active", "mode", "login_only")).isEqualTo(1);
        assertThat(gauge("tdsproxy.connections.active", "mode", "plaintext")).isZero();
        assertThat(counter("tdsproxy.connections.established", "mode", "full_tls")).isEqualTo(1);

        metrics.closed(record(1, ClientLegMode.FULL_TLS, ConnectionOutcome.RELAYED));
        metrics.closed(record(3, ClientLegMode.UNNEGOTIATED, ConnectionOutcome.TLS_FAILED));
        assertThat(gauge("tdsproxy.connections.active", "mode", "full_tls")).isZero();
        assertThat(gauge("tdsproxy.connections.opening")).isZero();
        assertThat(counter("tdsproxy.connections.accepted")).isEqualTo(3);
        assertThat(counter("tdsproxy.connections.closed", "mode", "full_tls", "outcome", "relayed")).isEqualTo(1);
        assertThat(counter("tdsproxy.connections.closed", "mode", "unnegotiated", "outcome", "tls_failed"))
                .isEqualTo(1);
        assertThat(counter("tdsproxy.errors", "category", "tls")).isEqualTo(1);
        assertThat(registry.find("tdsproxy.errors").tag("category", "relayed").counter()).isNull();
    }

    @Test
    void aConnectionThatFailsAfterItsRelayStartedLeavesTheActiveGauge() {
        metrics.accepted(7, CLIENT);
        metrics.established(record(7, ClientLegMode.PLAINTEXT, ConnectionOutcome.OPEN));
        metrics.closed(record(7, ClientLegMode.PLAINTEXT, ConnectionOutcome.BACKEND_UNAVAILABLE));
        assertThat(gauge("tdsproxy.connections.active", "mode", "plaintext")).isZero();
        assertThat(gauge("tdsproxy.connections.opening")).isZero();
        assertThat(counter("tdsproxy.errors", "category", "backend")).isEqualTo(1);
    }

    @Test
    void trafficAddsUpPerDirection() {
        metrics.trafficRelayed(RelayDirection.TO_BACKEND, 100, 2);
        metrics.trafficRelayed(RelayDirection.TO_BACKEND, 50, 1);
        metrics.trafficRelayed(RelayDirection.TO_CLIENT, 4096, 1);
        assertThat(counter("tdsproxy.relay.bytes", "direction", "to_backend")).isEqualTo(150);
        assertThat(counter("tdsproxy.relay.packets", "direction", "to_backend")).isEqualTo(3);
        assertThat(counter("tdsproxy.relay.bytes", "direction", "to_client")).isEqualTo(4096);
        assertThat(counter("tdsproxy.relay.packets", "direction", "to_client")).isEqualTo(1);
    }

    @Test
    void handshakesAreCountedByProtocolCipherAndOutcomeAndTimed() {
        metrics.handshakeFinished(new HandshakeRecord(1, ClientLegMode.FULL_TLS, true, Optional.of("TLSv1.2"),
                Optional.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), TimeUnit.MILLISECONDS.toNanos(3)));
        metrics.handshakeFinished(new HandshakeRecord(2, ClientLegMode.FULL_TLS, false, Optional.empty(),
                Optional.empty(), TimeUnit.MILLISECONDS.toNanos(40)));
        assertThat(counter("tdsproxy.handshakes", "protocol", "TLSv1.2", "cipher",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "outcome", "success")).isEqualTo(1);
        assertThat(counter("tdsproxy.handshakes", "protocol", "none", "cipher", "none", "outcome", "failure"))
                .isEqualTo(1);
        Timer ok = registry.get("tdsproxy.handshake.duration").tag("outcome", "success").timer();
        assertThat(ok.count()).isEqualTo(1);
        assertThat(ok.totalTime(TimeUnit.MILLISECONDS)).isCloseTo(3, within(0.001));
        assertThat(ok.takeSnapshot().histogramCounts()).as("histogram buckets").isNotEmpty();
        assertThat(registry.get("tdsproxy.handshake.duration").tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void backendConnectTimesAreRecordedByOutcome() {
        metrics.backendConnectFinished(TimeUnit.MILLISECONDS.toNanos(2), true);
        metrics.backendConnectFinished(TimeUnit.SECONDS.toNanos(5), false);
        assertThat(registry.get("tdsproxy.backend.connect.duration").tag("outcome", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isCloseTo(2, within(0.001));
        assertThat(registry.get("tdsproxy.backend.connect.duration").tag("outcome", "failure").timer()
                .totalTime(TimeUnit.SECONDS)).isCloseTo(5, within(0.001));
    }

    @Test
    void theCertificateGaugeCountsDownToTheSoonestExpiryInTheChain() throws Exception {
        Instant now = Instant.now();
        GeneratedCertificate ca = CertificateGenerator.builder().subject("metrics CA").ca(true)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20))).generate();
        GeneratedCertificate leaf = CertificateGenerator.builder().subject("localhost").issuer(ca)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(400))).generate();
        KeyMaterial material = new KeyMaterial(leaf.key(), leaf.chain());
        Clock clock = Clock.fixed(ca.certificate().getNotAfter().toInstant().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        metrics.bindCertificate(() -> Optional.of(material), clock);
        assertThat(registry.get("tdsproxy.certificate.expiry").timeGauge().value(TimeUnit.SECONDS))
                .isCloseTo(7200, within(0.001));
        assertThat(ProxyMetrics.secondsLeft(Optional.empty(), clock)).isNaN();
    }

    @Test
    void everyFailedOutcomeHasAnErrorCategoryAndTheNormalOnesNone() {
        for (ConnectionOutcome outcome : ConnectionOutcome.values()) {
            boolean normal = outcome == ConnectionOutcome.OPEN || outcome == ConnectionOutcome.RELAYED
                    || outcome == ConnectionOutcome.CLIENT_CLOSED;
            assertThat(ProxyMetrics.errorCategory(outcome).isEmpty()).as(outcome.name()).isEqualTo(normal);
        }
    }
}
