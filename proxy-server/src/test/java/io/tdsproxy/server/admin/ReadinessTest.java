package io.tdsproxy.server.admin;

import io.tdsproxy.tls.CertificateGenerator;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.check.CertificateDoctor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean backendUp = true;

    private BackendProbe probe() {
        return new BackendProbe("db.internal", 1433, Duration.ofMillis(500), Duration.ofSeconds(2), nanos::get,
                (host, port, timeout) -> {
                    connects.incrementAndGet();
                    assertThat(timeout).isEqualTo(500);
                    if (!backendUp) {
                        throw new ConnectException("Connection refused");
                    }
                });
    }

    @Test
    void theBackendProbeIsCachedForItsCacheTime() {
        BackendProbe probe = probe();
        assertThat(probe.check().ok()).isTrue();
        backendUp = false;
        nanos.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThat(probe.check().ok()).as("still the cached result").isTrue();
        assertThat(connects).hasValue(1);
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        HealthCheck down = probe.check();
        assertThat(down.ok()).isFalse();
        assertThat(down.detail()).isEqualTo("db.internal:1433 is unreachable: Connection refused");
        assertThat(connects).hasValue(2);
    }

    @Test
    void readyNeedsTheListenerTheCertificateAndTheBackend() throws Exception {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        KeyMaterial material = CertificateGenerator.builder().subject("localhost")
                .validity(now.minus(Duration.ofDays(10)), now.plus(Duration.ofDays(100))).generate().keyMaterial();
        boolean[] listening = {true};
        Readiness readiness = new Readiness(() -> listening[0], () -> Optional.of(material), null,
                new CertificateDoctor(Clock.fixed(now, ZoneOffset.UTC)), probe());
        assertThat(readiness.check()).extracting(HealthCheck::ok).containsExactly(true, true, true);

        listening[0] = false;
        backendUp = false;
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        List<HealthCheck> checks = readiness.check();
        assertThat(checks).extracting(HealthCheck::name).containsExactly("listener", "certificate", "backend");
        assertThat(checks).extracting(HealthCheck::ok).containsExactly(false, true, false);
    }

    @Test
    void anExpiredCertificateMakesTheProxyUnreadyNamingTheFailedRequirement() throws Exception {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        KeyMaterial expired = CertificateGenerator.builder().subject("localhost")
                .validity(now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(1))).generate().keyMaterial();
        Readiness readiness = new Readiness(() -> true, () -> Optional.of(expired), null,
                new CertificateDoctor(Clock.fixed(now, ZoneOffset.UTC)), probe());
        HealthCheck certificate = readiness.check().get(1);
        assertThat(certificate.ok()).isFalse();
        assertThat(certificate.detail()).contains("expired on");
    }

    @Test
    void withoutACertificateTheCertificateCheckPasses() throws IOException {
        Readiness readiness = new Readiness(() -> true, Optional::empty, null,
                new CertificateDoctor(Clock.systemUTC()), probe());
        assertThat(readiness.check().get(1)).isEqualTo(new HealthCheck("certificate", true, "no certificate configured"));
    }

    @Test
    void theJsonBodyNamesEachCheckAndEscapesDetails() {
        String json = Readiness.json(List.of(new HealthCheck("listener", true, "accepting connections"),
                new HealthCheck("backend", false, "say \"no\"\\\n")));
        assertThat(json).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                + "\"listener\":{\"status\":\"UP\",\"detail\":\"accepting connections\"},"
                + "\"backend\":{\"status\":\"DOWN\",\"detail\":\"say \\\"no\\\"\\\\\\u000a\"}}}");
    }
}
