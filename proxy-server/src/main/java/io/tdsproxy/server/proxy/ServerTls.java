package io.tdsproxy.server.proxy;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Builds the client-leg {@link SslContext}s (TDS 7.x and TDS 8.0 strict) from {@code [network]} at start-up, so that a bad
 * certificate, key, passphrase, protocol list or cipher list stops the proxy with an error naming the
 * configuration line, instead of failing every handshake later; the certificate must also pass every
 * {@code cert check} requirement ({@link CertificateGate}).
 */
final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /** The TDS 7.x server context, or empty when no certificate is configured. */
    static Optional<SslContext> create(ProxyConfig config) throws ConfigException {
        return create(config, load(config));
    }

    /** The configured certificate chain and key, or empty when no certificate is configured. */
    static Optional<KeyMaterial> load(ProxyConfig config) throws ConfigException {
        Optional<TlsConfig> maybeTls = config.network().tls();
        if (maybeTls.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig tls = maybeTls.get();
        KeyMaterial material = CertificateGate.load(config, tls);
        CertificateGate.check(config, tls, material);
        return Optional.of(material);
    }

    /**
     * The TDS 7.x server context for {@code loaded} (from {@link #load}), or empty without a certificate,
     * or with {@code forcestrict = 1} and a protocol list without TDS 7.x versions ({@code 1.3} alone).
     */
    static Optional<SslContext> create(ProxyConfig config, Optional<KeyMaterial> loaded) throws ConfigException {
        Optional<TlsConfig> maybeTls = config.network().tls();
        if (maybeTls.isEmpty() || loaded.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig tls = maybeTls.get();
        KeyMaterial material = loaded.get();
        if (config.network().forceStrict() && !hasTds7Protocol(tls)) {
            // tlsprotocols = 1.3 with forcestrict: TDS 7.x clients are refused without a handshake.
            return Optional.empty();
        }
        TlsProvider provider = provider(tls);
        try {
            SslContext context = ServerTlsContexts.tds7(material, tls.protocols(), tls.ciphers(), provider);
            LOG.info("client-leg TLS: provider {} ({}), protocols {}, certificate {}", provider,
                    provider.availability().reason(), tls.protocols(), material.leaf().getSubjectX500Principal());
            return Optional.of(context);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.describe("network.tlsprotocols") + " / "
                    + config.describe("network.tlsciphers") + ": " + e.getMessage()
                    + "; expected TLS 1.0..1.2 and ciphers the provider supports", e);
        } catch (IllegalStateException e) {
            throw new ConfigException(config.describe("network.tlscert") + ": " + e.getMessage(), e);
        }
    }

    /** {@link #createStrict(ProxyConfig, Optional)} with the configured certificate. */
    static Optional<SslContext> createStrict(ProxyConfig config) throws ConfigException {
        return createStrict(config, load(config));
    }

    /**
     * The TDS 8.0 (strict) server context: the same certificate, the TLS 1.2 and 1.3 entries of
     * {@code tlsprotocols}, ALPN {@code tds/8.0}. Empty without a certificate, or when the list has
     * neither 1.2 nor 1.3 (logged; an error with {@code forcestrict = 1}).
     */
    static Optional<SslContext> createStrict(ProxyConfig config, Optional<KeyMaterial> loaded) throws ConfigException {
        Optional<TlsConfig> maybeTls = config.network().tls();
        if (maybeTls.isEmpty() || loaded.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig tls = maybeTls.get();
        List<String> protocols;
        try {
            protocols = TlsProtocols.forStrict(tls.protocols());
        } catch (IllegalArgumentException e) {
            if (config.network().forceStrict()) {
                throw new ConfigException(config.describe("network.tlsprotocols") + ": " + e.getMessage()
                        + "; expected 1.2 and/or 1.3 with forcestrict = 1", e);
            }
            LOG.warn("{}: {}; TDS 8.0 (strict) clients will be refused", config.describe("network.tlsprotocols"),
                    e.getMessage());
            return Optional.empty();
        }
        TlsProvider provider = provider(tls);
        try {
            SslContext context = ServerTlsContexts.strict(loaded.get(), protocols, tls.ciphers(), provider);
            LOG.info("client-leg TDS 8.0 (strict) TLS: provider {}, protocols {}, ALPN tds/8.0{}", provider, protocols,
                    config.network().forceStrict() ? ", forcestrict = 1 (only strict clients are served)" : "");
            return Optional.of(context);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.describe("network.tlsciphers") + ": " + e.getMessage()
                    + "; expected ciphers the provider supports for TLS 1.2/1.3", e);
        } catch (IllegalStateException e) {
            throw new ConfigException(config.describe("network.tlscert") + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasTds7Protocol(TlsConfig tls) {
        try {
            TlsProtocols.forTds7(tls.protocols());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TlsProvider provider(TlsConfig tls) {
        TlsProvider provider = tls.provider();
        TlsProvider.Availability availability = provider.availability();
        if (!availability.available()) {
            LOG.warn("TLS provider {} unavailable ({}); using the JDK provider", provider, availability.reason());
            provider = TlsProvider.JDK;
        }
        return provider;
    }
}
