package io.tdsproxy.server.admin;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tdsproxy.server.audit.AuditLog;
import io.tdsproxy.server.config.AdminConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.server.proxy.CompositeConnectionListener;
import io.tdsproxy.server.proxy.ConnectionListener;
import io.tdsproxy.server.proxy.ProxyServer;
import io.tdsproxy.server.proxy.ReloadListener;
import io.tdsproxy.tls.check.CertificateDoctor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Wires metrics, audit and the admin listener around one {@link ProxyServer}:
 *
 * <pre>{@code
 * Observability observe = Observability.create(adminConfig);
 * ProxyServer proxy = ProxyServer.builder(config).listener(observe.listener()).build().start();
 * observe.start(proxy, config);          // binds [admin] unless it is disabled
 * }</pre>
 * Closing it stops the admin listener. Not thread-safe: create, start and close from one thread.
 */
public final class Observability implements AutoCloseable {
    private final AdminConfig admin;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProxyMetrics metrics = new ProxyMetrics(registry);
    private final ConnectionListener listener;
    private AdminServer server;

    private Observability(AdminConfig admin, ConnectionListener extra) {
        this.admin = admin;
        this.listener = CompositeConnectionListener.of(metrics, new AuditLog(), extra);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Metrics and audit for a proxy with the {@code [admin]} settings {@code admin}. */
    public static Observability create(AdminConfig admin) {
        return new Observability(admin, ConnectionListener.NONE);
    }

    /** As {@link #create(AdminConfig)}, also telling {@code extra} every connection event (tests). */
    public static Observability create(AdminConfig admin, ConnectionListener extra) {
        return new Observability(admin, extra);
    }

    /** What the {@link ProxyServer} must be built with: metrics, then the audit log. */
    public ConnectionListener listener() {
        return listener;
    }

    /** What the {@link ProxyServer} must be told certificate reloads with: they are counted. */
    public ReloadListener reloadListener() {
        return metrics;
    }

    /** The registry behind {@code /metrics}. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Binds the certificate gauge to {@code proxy} and, when {@code [admin]} is enabled, starts the
     * admin listener whose readiness looks at {@code proxy} and at {@code config}'s backend.
     *
     * @throws IOException when the admin address cannot be bound
     */
    public void start(ProxyServer proxy, ProxyConfig config) throws IOException {
        Clock clock = Clock.systemUTC();
        if (config.network().tls().isPresent()) {
            metrics.bindCertificate(proxy::certificate, clock);
        }
        if (!admin.enabled()) {
            return;
        }
        Path keyFile = config.network().tls().map(TlsConfig::privateKey).orElse(null);
        Readiness readiness = new Readiness(proxy::listening, proxy::certificate, keyFile,
                new CertificateDoctor(clock), BackendProbe.tcp(config.backend().host(), config.backend().port()));
        server = AdminServer.start(admin, registry, readiness);
    }

    /** Where the admin listener is bound; empty when it is disabled or not started. */
    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(server).map(AdminServer::address);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        registry.close();
    }
}
