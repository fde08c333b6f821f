package io.tdsproxy.server.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.tdsproxy.server.proxy.ClientLegMode;
import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ConnectionOutcome;
import io.tdsproxy.server.proxy.ConnectionRecord;
import io.tdsproxy.server.proxy.HandshakeRecord;
import io.tdsproxy.server.proxy.RelayDirection;
import io.tdsproxy.server.proxy.ReloadListener;
import io.tdsproxy.server.proxy.ReloadResult;
import io.tdsproxy.tls.KeyMaterial;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The proxy's Micrometer meters, fed by {@link ConnectionListener} events. Every tag has a bounded set
 * of values (client mode, outcome, TLS protocol and cipher as negotiated from the configured lists,
 * direction, error category); never an address or a user.
 *
 * <table>
 *   <caption>Meters (Prometheus names)</caption>
 *   <tr><td>{@code tdsproxy_connections_accepted_total}</td><td>client connections accepted</td></tr>
 *   <tr><td>{@code tdsproxy_connections_opening}</td><td>accepted, login not forwarded yet</td></tr>
 *   <tr><td>{@code tdsproxy_connections_active{mode}}</td><td>relaying now</td></tr>
 *   <tr><td>{@code tdsproxy_connections_established_total{mode}}</td><td>logins forwarded, relay started</td></tr>
 *   <tr><td>{@code tdsproxy_connections_closed_total{mode,outcome}}</td><td>connections ended</td></tr>
 *   <tr><td>{@code tdsproxy_handshakes_total{protocol,cipher,outcome}}</td><td>client-leg TLS handshakes</td></tr>
 *   <tr><td>{@code tdsproxy_handshake_duration_seconds{outcome}}</td><td>histogram</td></tr>
 *   <tr><td>{@code tdsproxy_backend_connect_duration_seconds{outcome}}</td><td>histogram of TCP connects</td></tr>
 *   <tr><td>{@code tdsproxy_relay_bytes_total{direction}}, {@code tdsproxy_relay_packets_total{direction}}</td>
 *       <td>after the login</td></tr>
 *   <tr><td>{@code tdsproxy_errors_total{category}}</td><td>connections that ended in an error</td></tr>
 *   <tr><td>{@code tdsproxy_certificate_expiry_seconds}</td><td>until the first certificate of the chain
 *       expires (negative once expired); only with a certificate</td></tr>
 * </table>
 *
 * <p>Hot path: relayed bytes and packets arrive once per read batch and go to counters resolved at
 * construction, so no registry lookup happens per packet. Thread-safe: events come from every event loop.
 */
public final class ProxyMetrics implements ConnectionListener, ReloadListener {
    static final String NONE = "none";
    /** Histogram buckets of handshake and connect times: 1 ms to 10 s. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Counter accepted;
    private final AtomicLong opening = new AtomicLong();
    private final Map<ClientLegMode, AtomicLong> active = new EnumMap<>(ClientLegMode.class);
    private final Map<ClientLegMode, Counter> established = new EnumMap<>(ClientLegMode.class);
    private final Map<RelayDirection, Counter> bytes = new EnumMap<>(RelayDirection.class);
    private final Map<RelayDirection, Counter> packets = new EnumMap<>(RelayDirection.class);
    private final Timer backendConnected;
    private final Timer backendFailed;
    private final Timer handshakeSucceeded;
    private final Timer handshakeFailed;
    /** Connections whose relay started, with their mode: their close ends an "active" one. */
    private final Map<Long, ClientLegMode> relaying = new ConcurrentHashMap<>();

    /** Registers the meters on {@code registry}. */
    public ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
        accepted = Counter.builder("tdsproxy.connections.accepted").description("Client connections accepted")
                .register(registry);
        Gauge.builder("tdsproxy.connections.opening", opening, AtomicLong::get)
                .description("Client connections accepted whose login has not been forwarded yet").register(registry);
        for (ClientLegMode mode : ClientLegMode.values()) {
            AtomicLong count = new AtomicLong();
            active.put(mode, count);
            Gauge.builder("tdsproxy.connections.active", count, AtomicLong::get).tag("mode", tag(mode))
                    .description("Client connections relaying now, by client-leg mode").register(registry);
            established.put(mode, Counter.builder("tdsproxy.connections.established").tag("mode", tag(mode))
                    .description("Logins forwarded to the backend, by client-leg mode").register(registry));
        }
        for (RelayDirection direction : RelayDirection.values()) {
            bytes.put(direction, Counter.builder("tdsproxy.relay.bytes").baseUnit("bytes")
                    .tag("direction", tag(direction)).description("TDS bytes relayed after the login")
                    .register(registry));
            packets.put(direction, Counter.builder("tdsproxy.relay.packets").tag("direction", tag(direction))
                    .description("TDS packets relayed after the login").register(registry));
        }
        backendConnected = timer("tdsproxy.backend.connect.duration", "success", "TCP connect time to the backend");
        backendFailed = timer("tdsproxy.backend.connect.duration", "failure", "TCP connect time to the backend");
        handshakeSucceeded = timer("tdsproxy.handshake.duration", "success", "Client-leg TLS handshake time");
        handshakeFailed = timer("tdsproxy.handshake.duration", "failure", "Client-leg TLS handshake time");
    }

    /**
     * Adds {@code tdsproxy_certificate_expiry_seconds}: seconds until the soonest {@code notAfter} of the
     * chain {@code certificate} supplies (read at every scrape, so a reloaded certificate shows at once).
     */
    public void bindCertificate(Supplier<Optional<KeyMaterial>> certificate, Clock clock) {
        TimeGauge.builder("tdsproxy.certificate.expiry", () -> secondsLeft(certificate.get(), clock), TimeUnit.SECONDS)
                .description("Seconds until the served certificate chain expires (negative: expired)")
                .register(registry);
    }

    static double secondsLeft(Optional<KeyMaterial> material, Clock clock) {
        if (material.isEmpty()) {
            return Double.NaN;
        }
        Instant soonest = Instant.MAX;
        for (X509Certificate certificate : material.get().chain()) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            soonest = notAfter.isBefore(soonest) ? notAfter : soonest;
        }
        return Duration.between(clock.instant(), soonest).toMillis() / 1000.0;
    }

    @Override
    public void accepted(long id, SocketAddress client) {
        accepted.increment();
        opening.incrementAndGet();
    }

    @Override
    public void handshakeFinished(HandshakeRecord handshake) {
        Counter.builder("tdsproxy.handshakes").description("Client-leg TLS handshakes")
                .tag("protocol", handshake.protocol().orElse(NONE))
                .tag("cipher", handshake.cipher().orElse(NONE))
                .tag("outcome", handshake.success() ? "success" : "failure")
                .register(registry).increment();
        (handshake.success() ? handshakeSucceeded : handshakeFailed)
                .record(handshake.durationNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void backendConnectFinished(long nanos, boolean connected) {
        (connected ? backendConnected : backendFailed).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void established(ConnectionRecord record) {
        if (relaying.putIfAbsent(record.id(), record.mode()) == null) {
            opening.decrementAndGet();
            active.get(record.mode()).incrementAndGet();
            established.get(record.mode()).increment();
        }
    }

    @Override
    public void trafficRelayed(RelayDirection direction, long relayedBytes, long relayedPackets) {
        bytes.get(direction).increment(relayedBytes);
        if (relayedPackets > 0) {
            packets.get(direction).increment(relayedPackets);
        }
    }

    /** {@code tdsproxy_certificate_reloads_total{trigger, outcome}}: every certificate reload attempt. */
    @Override
    public void reloaded(ReloadResult result) {
        Counter.builder("tdsproxy.certificate.reloads").description("Certificate reloads, by trigger and outcome")
                .tag("trigger", tag(result.trigger())).tag("outcome", tag(result.outcome()))
                .register(registry).increment();
    }

    @Override
    public void closed(ConnectionRecord record) {
        ClientLegMode wasRelaying = relaying.remove(record.id());
        if (wasRelaying != null) {
            active.get(wasRelaying).decrementAndGet();
        } else {
            opening.decrementAndGet();
        }
        Counter.builder("tdsproxy.connections.closed").description("Client connections ended, by mode and outcome")
                .tag("mode", tag(record.mode())).tag("outcome", tag(record.outcome()))
                .register(registry).increment();
        errorCategory(record.outcome()).ifPresent(category -> Counter.builder("tdsproxy.errors")
                .description("Connections that ended in an error, by category").tag("category", category)
                .register(registry).increment());
    }

    /** The error category of an outcome; empty for the normal ends (relayed, client left early). */
    static Optional<String> errorCategory(ConnectionOutcome outcome) {
        switch (outcome) {
            case OPEN:
            case RELAYED:
            case CLIENT_CLOSED:
                return Optional.empty();
            case TLS_FAILED:
                return Optional.of("tls");
            case PROTOCOL_ERROR:
                return Optional.of("protocol");
            case BACKEND_UNAVAILABLE:
                return Optional.of("backend");
            case ENCRYPTION_REQUIRED:
                return Optional.of("encryption_required");
            case UNSUPPORTED:
                return Optional.of("unsupported");
            case INTERNAL_ERROR:
                return Optional.of("internal");
            default:
                return Optional.of(tag(outcome));
        }
    }

    private Timer timer(String name, String outcome, String description) {
        return Timer.builder(name).tag("outcome", outcome).description(description)
                .serviceLevelObjectives(BUCKETS).minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1]).register(registry);
    }

    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
