package io.tdsproxy.server.proxy;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.server.config.ConfigException;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Builds the client-leg {@link SslContext} from {@code [network]} at start-up, so that a bad
 * certificate, key, passphrase, protocol list or cipher list stops the proxy with an error naming the
 * configuration line, instead of failing every handshake later.
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
        try {
            return Optional.of(KeyMaterialLoader.load(tls.certificate(), tls.privateKey(), tls.keyPassword()));
        } catch (RuntimeException e) {
            throw new ConfigException(config.describe("network.tlscert") + " and " + config.describe("network.tlskey")
                    + ": cannot load the certificate and key: " + e.getMessage()
                    + "; expected a PEM certificate chain and its matching private key", e);
        }
    }

    /** The TDS 7.x server context for {@code loaded} (from {@link #load}), or empty without a certificate. */
    static Optional<SslContext> create(ProxyConfig config, Optional<KeyMaterial> loaded) throws ConfigException {
        Optional<TlsConfig> maybeTls = config.network().tls();
        if (maybeTls.isEmpty() || loaded.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig tls = maybeTls.get();
        KeyMaterial material = loaded.get();
        TlsProvider provider = tls.provider();
        TlsProvider.Availability availability = provider.availability();
        if (!availability.available()) {
            LOG.warn("TLS provider {} unavailable ({}); using the JDK provider", provider, availability.reason());
            provider = TlsProvider.JDK;
        }
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
}
