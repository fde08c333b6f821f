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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Builds the client-leg {@link SslContext}s (TDS 7.x, and TDS 8.0 strict from the same certificate) from
 * {@code [network]} at start-up, so that a bad
 * certificate, key, passphrase, protocol list or cipher list stops the proxy with an error naming the
 * configuration line, instead of failing every handshake later; the certificate must also pass every
 * {@code cert check} requirement ({@link CertificateGate}). {@link CertificateReloader} builds later
 * contexts from the same settings.
 */
final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /**
     * The TDS 7.x server context with the chain and key it was built from (read by the readiness check
     * and the expiry gauge), or empty when no certificate is configured.
     */
    static Optional<ReloadableTls> create(ProxyConfig config) throws ConfigException {
        Optional<TlsConfig> maybeTls = config.network().tls();
        if (maybeTls.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig tls = maybeTls.get();
        TlsProvider provider = provider(tls);
        KeyMaterial material = CertificateGate.load(config, tls);
        CertificateGate.check(config, tls, material);
        String fingerprint;
        try {
            fingerprint = fingerprint(tls);
        } catch (UncheckedIOException e) {
            throw new ConfigException(config.describe("network.tlscert") + ": " + e.getMessage(), e);
        }
        try {
            SslContext context = ServerTlsContexts.tds7(material, tls.protocols(), tls.ciphers(), provider);
            LOG.info("client-leg TLS: provider {} ({}), protocols {}, certificate {} serial {}", provider,
                    provider.availability().reason(), tls.protocols(), material.leaf().getSubjectX500Principal(),
                    material.leaf().getSerialNumber().toString(16));
            Optional<SslContext> strict = strictAtStartUp(config, tls, material);
            return Optional.of(new ReloadableTls(new ReloadableTls.Served(context, material, fingerprint, strict)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.describe("network.tlsprotocols") + " / "
                    + config.describe("network.tlsciphers") + ": " + e.getMessage()
                    + "; expected TLS 1.0..1.2 and ciphers the provider supports", e);
        } catch (IllegalStateException e) {
            throw new ConfigException(config.describe("network.tlscert") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The TDS 8.0 (strict) context for start-up: empty (logged) when {@code tlsprotocols} lists neither
     * 1.2 nor 1.3, which is a configuration error with {@code forcestrict = 1}.
     */
    private static Optional<SslContext> strictAtStartUp(ProxyConfig config, TlsConfig tls, KeyMaterial material)
            throws ConfigException {
        if (!offersStrict(tls)) {
            String why = "tlsprotocols " + tls.protocols() + " lists neither 1.2 nor 1.3";
            if (config.network().forceStrict()) {
                throw new ConfigException(config.describe("network.tlsprotocols") + ": " + why
                        + "; expected 1.2 and/or 1.3 with forcestrict = 1", null);
            }
            LOG.info("{}: {}; TDS 8.0 (strict) clients will be refused", config.describe("network.tlsprotocols"), why);
            return Optional.empty();
        }
        try {
            Optional<SslContext> strict = strict(tls, material);
            LOG.info("client-leg TDS 8.0 (strict) TLS: protocols {}, ALPN tds/8.0{}", TlsProtocols.forStrict(tls.protocols()),
                    config.network().forceStrict() ? ", forcestrict = 1 (only strict clients are served)" : "");
            return strict;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(config.describe("network.tlsciphers") + ": " + e.getMessage()
                    + "; expected ciphers the provider supports for TLS 1.2/1.3", e);
        }
    }

    /**
     * The TDS 8.0 (strict) context from {@code material}: the 1.2/1.3 entries of {@code tlsprotocols},
     * ALPN {@code tds/8.0}; empty when there are none. Used at start-up and by certificate reloads.
     *
     * @throws IllegalArgumentException when no cipher is usable
     * @throws IllegalStateException    when the provider rejects the key material
     */
    static Optional<SslContext> strict(TlsConfig tls, KeyMaterial material) {
        if (!offersStrict(tls)) {
            return Optional.empty();
        }
        return Optional.of(ServerTlsContexts.strict(material, TlsProtocols.forStrict(tls.protocols()), tls.ciphers(),
                provider(tls)));
    }

    private static boolean offersStrict(TlsConfig tls) {
        return tls.protocols().contains(TlsProtocols.TLS_1_2) || tls.protocols().contains(TlsProtocols.TLS_1_3);
    }

    /** The configured provider, or the JDK's when that one is unusable here (logged). */
    static TlsProvider provider(TlsConfig tls) {
        TlsProvider provider = tls.provider();
        TlsProvider.Availability availability = provider.availability();
        if (!availability.available()) {
            LOG.warn("TLS provider {} unavailable ({}); using the JDK provider", provider, availability.reason());
            return TlsProvider.JDK;
        }
        return provider;
    }

    /**
     * SHA-256 over the bytes of the certificate and key files (read through symlinks): tells a real
     * change apart from a file event that changed nothing.
     *
     * @throws UncheckedIOException naming the file that cannot be read
     */
    static String fingerprint(TlsConfig tls) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : List.of(tls.certificate(), tls.privateKey())) {
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e, e);
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
