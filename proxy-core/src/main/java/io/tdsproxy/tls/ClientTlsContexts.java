package io.tdsproxy.tls;

import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Client-side {@link SslContext}s: the proxy's encrypted legs to a backend, and test clients.
 *
 * <p>Create handlers with {@code context.newHandler(alloc, host, port)}: {@code host} is used for SNI
 * (when it is a DNS name) and, unless {@link TrustSettings#hostNameInCertificateOrNull()} is set, for
 * the certificate name check. With {@code trustServerCertificate} nothing is checked.
 */
public final class ClientTlsContexts {
    private ClientTlsContexts() {
    }

    /** TDS 7.x client (PRELOGIN-wrapped handshake): never TLS 1.3, default ciphers. */
    public static SslContext tds7(TrustSettings trust, List<String> protocols, TlsProvider provider) {
        return tds7(trust, protocols, null, provider);
    }

    /** TDS 7.x client with an OpenSSL-style cipher list ({@code null}: defaults). */
    public static SslContext tds7(TrustSettings trust, List<String> protocols, String cipherListOrNull,
                                  TlsProvider provider) {
        return build(trust, TlsProtocols.forTds7(protocols), cipherListOrNull, provider, false);
    }

    /** TDS 8.0 (strict) client: TLS 1.2/1.3 entries of {@code protocols}, offers ALPN {@code tds/8.0}. */
    public static SslContext strict(TrustSettings trust, List<String> protocols, TlsProvider provider) {
        return strict(trust, protocols, null, provider);
    }

    /** TDS 8.0 (strict) client with an OpenSSL-style cipher list ({@code null}: defaults). */
    public static SslContext strict(TrustSettings trust, List<String> protocols, String cipherListOrNull,
                                    TlsProvider provider) {
        return build(trust, TlsProtocols.forStrict(protocols), cipherListOrNull, provider, true);
    }

    /**
     * A client context with exactly these protocols (no TDS-specific filtering), for tests that must
     * offer what a real client might, e.g. TLS 1.3 to a TDS 7.x server.
     */
    public static SslContext raw(TrustSettings trust, List<String> protocols, String cipherListOrNull,
                                 TlsProvider provider, boolean offerAlpn) {
        return build(trust, List.copyOf(protocols), cipherListOrNull, provider, offerAlpn);
    }

    private static SslContext build(TrustSettings trust, List<String> protocols, String ciphers,
                                    TlsProvider provider, boolean alpn) {
        CipherSuites.Resolution suites = CipherSuites.resolve(ciphers, protocols, provider);
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider.nettyProvider())
                .protocols(protocols)
                .ciphers(suites.suites(), IdentityCipherSuiteFilter.INSTANCE)
                // The name is checked by VerifyingTrustManager (it may differ from the dialled host).
                .endpointIdentificationAlgorithm(null);
        if (trust.trustServerCertificate()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            builder.trustManager(trustManager(trust));
        }
        if (alpn) {
            builder.applicationProtocolConfig(TdsAlpn.CONFIG);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the " + provider + " client TLS context: "
                    + e.getMessage(), e);
        }
    }

    private static TrustManager trustManager(TrustSettings trust) {
        try {
            KeyStore store = null;
            if (trust.caFileOrNull() != null) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : KeyMaterialLoader.readCertificates(trust.caFileOrNull())) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager) {
                    return new VerifyingTrustManager((X509ExtendedTrustManager) tm, trust.hostNameInCertificateOrNull());
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up certificate trust"
                    + (trust.caFileOrNull() == null ? "" : " from " + trust.caFileOrNull()) + ": " + e.getMessage(), e);
        }
    }
}
