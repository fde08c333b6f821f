package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.ProxyTuning;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.TlsProvider;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Starts a {@link ProxyServer} on an ephemeral loopback port in front of a backend port. */
final class ProxyFixture implements AutoCloseable {
    final RecordingListener events = new RecordingListener();
    final ProxyServer server;

    private ProxyFixture(ProxyConfig config) throws Exception {
        this(config, builder -> { });
    }

    private ProxyFixture(ProxyConfig config, Consumer<ProxyServer.Builder> options) throws Exception {
        ProxyServer.Builder builder = ProxyServer.builder(config).listener(events).workerThreads(2)
                .connectTimeoutMillis(5_000);
        options.accept(builder);
        server = builder.build().start();
    }

    /** With the test certificate (TLS 1.2) and further builder options, e.g. certificate reload. */
    static ProxyFixture tls(int backendPort, TestPki pki, TlsProvider provider, Consumer<ProxyServer.Builder> options)
            throws Exception {
        return new ProxyFixture(config(backendPort, pki, false, provider), options);
    }

    /** No certificate, with {@code tuning} as the {@code [proxy]} section. */
    static ProxyFixture plaintext(int backendPort, ProxyTuning tuning) throws Exception {
        return new ProxyFixture(config(backendPort, null, false, TlsProvider.OPENSSL), b -> b.tuning(tuning));
    }

    /** The test certificate, with {@code tuning} as the {@code [proxy]} section. */
    static ProxyFixture tls(int backendPort, TestPki pki, ProxyTuning tuning) throws Exception {
        return new ProxyFixture(config(backendPort, pki, false, TlsProvider.OPENSSL), b -> b.tuning(tuning));
    }

    /** A proxy with any configuration. */
    static ProxyFixture start(ProxyConfig config) throws Exception {
        return new ProxyFixture(config);
    }

    /** No certificate: the proxy answers ENCRYPT_NOT_SUP like a SQL Server without one. */
    static ProxyFixture plaintext(int backendPort) throws Exception {
        return new ProxyFixture(config(backendPort, null, false, TlsProvider.OPENSSL));
    }

    /** With the test certificate; {@code force} is {@code forceencryption = 1}. */
    static ProxyFixture tls(int backendPort, TestPki pki, boolean force) throws Exception {
        return tls(backendPort, pki, force, TlsProvider.OPENSSL);
    }

    static ProxyFixture tls(int backendPort, TestPki pki, boolean force, TlsProvider provider) throws Exception {
        return new ProxyFixture(config(backendPort, pki, force, provider));
    }

    /** With the test certificate, TLS 1.2 and {@code tlsciphers}. */
    static ProxyFixture tls(int backendPort, TestPki pki, TlsProvider provider, String ciphers) throws Exception {
        return new ProxyFixture(config(backendPort, pki, false, provider, List.of("TLSv1.2"), ciphers));
    }

    /** With the test certificate and {@code tlsprotocols} as JSSE names, e.g. {@code [TLSv1, TLSv1.1]}. */
    static ProxyFixture tls(int backendPort, TestPki pki, boolean force, TlsProvider provider, List<String> protocols)
            throws Exception {
        return new ProxyFixture(config(backendPort, pki, force, provider, protocols));
    }

    static ProxyConfig config(int backendPort, TestPki pki, boolean force, TlsProvider provider) {
        return config(backendPort, pki, force, provider, List.of("TLSv1.2"));
    }

    static ProxyConfig config(int backendPort, TestPki pki, boolean force, TlsProvider provider,
                              List<String> protocols) {
        return config(backendPort, pki, force, provider, protocols, null);
    }

    /** {@code ciphers}: {@code tlsciphers} (OpenSSL style), or null for the defaults. */
    static ProxyConfig config(int backendPort, TestPki pki, boolean force, TlsProvider provider,
                              List<String> protocols, String ciphers) {
        Optional<TlsConfig> tls = pki == null ? Optional.empty() : Optional.of(new TlsConfig(pki.certificate, pki.key,
                null, protocols, ciphers, provider));
        return ProxyConfig.of(new NetworkConfig("127.0.0.1", 0, force, tls), new BackendConfig("127.0.0.1", backendPort));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
