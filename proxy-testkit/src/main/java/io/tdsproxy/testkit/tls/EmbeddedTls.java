package io.tdsproxy.testkit.tls;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.tls.KeyMaterial;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded server's TLS set-up, shared by all its connections: the certificate and the two
 * server contexts of proxy-core's {@link ServerTlsContexts}. The TDS 7.x context never offers TLS 1.3
 * (protocol.md 4.5); the TDS 8.0 context offers the TLS 1.2/1.3 entries of the list with ALPN
 * {@code tds/8.0}, and exists only when strict connections are accepted.
 */
public final class EmbeddedTls {
    private final KeyMaterial material;
    private final List<String> protocols;
    private final TlsProvider provider;
    private final SslContext tds7;
    private final SslContext strict;

    private EmbeddedTls(KeyMaterial material, List<String> protocols, TlsProvider provider, boolean acceptStrict) {
        this.material = Objects.requireNonNull(material, "material");
        this.protocols = List.copyOf(protocols);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.tds7 = ServerTlsContexts.tds7(material, protocols, null, provider);
        this.strict = acceptStrict ? ServerTlsContexts.strict(material, protocols, null, provider) : null;
    }

    /**
     * @param protocols    JSSE names ({@link TlsProtocols#parse}); TDS 7.x uses them without TLS 1.3
     * @param acceptStrict whether a connection may start with a TLS ClientHello (TDS 8.0)
     * @throws IllegalArgumentException when the list leaves nothing for a path in use
     * @throws IllegalStateException    when the provider rejects the key material
     */
    public static EmbeddedTls create(KeyMaterial material, List<String> protocols, TlsProvider provider,
                                     boolean acceptStrict) {
        return new EmbeddedTls(material, protocols, provider, acceptStrict);
    }

    /** The server's key and chain. */
    public KeyMaterial material() {
        return material;
    }

    /** The configured protocol list (before the per-path filtering). */
    public List<String> protocols() {
        return protocols;
    }

    /** The TLS implementation. */
    public TlsProvider provider() {
        return provider;
    }

    /** The context for the PRELOGIN-wrapped TDS 7.x handshake. */
    public SslContext tds7() {
        return tds7;
    }

    /** The TDS 8.0 context, present when strict connections are accepted. */
    public Optional<SslContext> strict() {
        return Optional.ofNullable(strict);
    }

    @Override
    public String toString() {
        return "EmbeddedTls[" + material + ", protocols=" + protocols + ", provider=" + provider
                + ", strict=" + (strict != null) + "]";
    }
}
