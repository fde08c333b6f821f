package io.tdsproxy.server.config;

import io.tdsproxy.tls.Secret;
import io.tdsproxy.tls.TlsProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The client-leg TLS settings of {@code [network]}: present only when a certificate is configured
 * ({@code tlscert} and {@code tlskey}, as SQL Server on Linux needs both).
 *
 * <p>The generated {@code toString()} is safe: {@link Secret} masks the passphrase.
 *
 * @param certificate   {@code tlscert}: PEM certificate chain, leaf first (or a PKCS#12 file)
 * @param privateKey    {@code tlskey}: PEM private key (PKCS#1, PKCS#8 or encrypted PKCS#8)
 * @param keyPassword   {@code tlskeypassword} / {@code tlskeypasswordfile}; null when the key is not encrypted
 * @param protocols     {@code tlsprotocols} as JSSE names, ascending, e.g. {@code [TLSv1.2]}
 * @param ciphers       {@code tlsciphers}: an OpenSSL cipher list, or null for the provider's default
 * @param provider      {@code tlsprovider}: the TLS implementation to use
 */
public record TlsConfig(Path certificate, Path privateKey, Secret keyPassword, List<String> protocols,
                        String ciphers, TlsProvider provider) {
    /** mssql.conf's default {@code tlsprotocols}. */
    public static final String DEFAULT_PROTOCOLS = "1.2";
    /** The proxy's default {@code tlsprovider}: BoringSSL via netty-tcnative. */
    public static final TlsProvider DEFAULT_PROVIDER = TlsProvider.OPENSSL;

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(provider, "provider");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must not be empty");
        }
        if (ciphers != null && ciphers.isBlank()) {
            throw new IllegalArgumentException("ciphers must be null or non-blank");
        }
    }
}
