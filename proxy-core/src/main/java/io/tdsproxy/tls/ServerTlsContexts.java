package io.tdsproxy.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side {@link SslContext}s for the two ways TDS carries TLS.
 *
 * <ul>
 *   <li>{@link #tds7}: TDS 7.x, the handshake wrapped in PRELOGIN packets
 *       ({@code io.tdsproxy.netty.Tds7TlsFramer}). Never TLS 1.3, whatever is listed (protocol.md 4.5):
 *       the login-only switch and the wrapping assume nothing but application data follows the handshake.</li>
 *   <li>{@link #strict}: TDS 8.0, TLS first on the connection; TLS 1.2 and/or 1.3 as listed, ALPN
 *       {@code tds/8.0} selected when offered, a client that offers no ALPN accepted.</li>
 * </ul>
 *
 * With no cipher list the defaults of {@link CipherSuites} apply, which add CBC-SHA suites when TLS 1.0 or
 * 1.1 is listed so that those versions really work. Protocols not listed are refused.
 */
public final class ServerTlsContexts {
    private static final Logger log = LoggerFactory.getLogger(ServerTlsContexts.class);

    private ServerTlsContexts() {
    }

    /**
     * The context for TDS 7.x (PRELOGIN-wrapped handshake).
     *
     * @param protocols       JSSE names, e.g. from {@link TlsProtocols#parse}; TLS 1.3 is removed
     * @param cipherListOrNull mssql-conf {@code tlsciphers} (OpenSSL style) or {@code null} for the defaults
     * @throws IllegalArgumentException when nothing usable remains of protocols or ciphers
     * @throws IllegalStateException    when the provider rejects the key material
     */
    public static SslContext tds7(KeyMaterial material, List<String> protocols, String cipherListOrNull,
                                  TlsProvider provider) {
        return build(material, TlsProtocols.forTds7(protocols), cipherListOrNull, provider, false);
    }

    /**
     * The context for TDS 8.0 (strict): TLS 1.2/1.3 entries of {@code protocols}, ALPN {@code tds/8.0}.
     *
     * @throws IllegalArgumentException when neither TLS 1.2 nor 1.3 is listed, or no cipher is usable
     */
    public static SslContext strict(KeyMaterial material, List<String> protocols, String cipherListOrNull,
                                    TlsProvider provider) {
        return build(material, TlsProtocols.forStrict(protocols), cipherListOrNull, provider, true);
    }

    private static SslContext build(KeyMaterial material, List<String> protocols, String ciphers,
                                    TlsProvider provider, boolean alpn) {
        CipherSuites.Resolution suites = CipherSuites.resolve(ciphers, protocols, provider);
        if (!suites.unsupported().isEmpty()) {
            log.atWarn().addKeyValue("provider", provider).addKeyValue("unsupported", suites.unsupported())
                    .log("cipher suites not supported by the TLS provider are left out");
        }
        warnIfJdkDisables(protocols, provider);
        SslContextBuilder builder = SslContextBuilder.forServer(material.key(), material.chainArray())
                .sslProvider(provider.nettyProvider())
                .protocols(protocols)
                .ciphers(suites.suites(), IdentityCipherSuiteFilter.INSTANCE)
                .clientAuth(ClientAuth.NONE);
        if (alpn) {
            builder.applicationProtocolConfig(TdsAlpn.CONFIG);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the " + provider + " server TLS context for "
                    + material.leaf().getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    static void warnIfJdkDisables(List<String> protocols, TlsProvider provider) {
        if (provider != TlsProvider.JDK) {
            return;
        }
        List<String> disabled = new ArrayList<>(protocols);
        disabled.retainAll(TlsProvider.jdkDisabledProtocols());
        if (!disabled.isEmpty()) {
            log.atWarn().addKeyValue("protocols", disabled)
                    .log("jdk.tls.disabledAlgorithms disables these protocols for the JDK provider; "
                            + "use the OPENSSL provider or relax the property");
        }
    }
}
