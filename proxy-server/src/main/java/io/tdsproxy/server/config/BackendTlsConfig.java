package io.tdsproxy.server.config;

import io.tdsproxy.tls.TlsProtocols;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The backend-leg encryption settings of {@code [backend]}, named after the mssql-jdbc connection
 * properties they mirror (protocol.md 6.1).
 *
 * @param encrypt                {@code encrypt}: off (default), login, on or strict
 * @param trustServerCertificate {@code trustservercertificate = 1}: accept any backend certificate
 *                               (default 0: chain and name are checked)
 * @param caFileOrNull           {@code cafile}: PEM bundle of the CAs to trust; {@code null}: the JDK's default trust
 * @param hostNameInCertificateOrNull {@code hostnameincertificate}: the name the backend certificate must
 *                               carry (and the SNI name sent); {@code null}: the dialled {@code host}
 * @param protocols              {@code tlsprotocols} as JSSE names; TDS 7.x modes never use TLS 1.3
 */
public record BackendTlsConfig(BackendEncrypt encrypt, boolean trustServerCertificate, Path caFileOrNull,
                               String hostNameInCertificateOrNull, List<String> protocols) {
    /** The default {@code [backend] tlsprotocols}: 1.3 applies to {@code encrypt = strict} only. */
    public static final String DEFAULT_PROTOCOLS = "1.2,1.3";
    /** {@code encrypt = off}: today's plaintext backend leg. */
    public static final BackendTlsConfig OFF = new BackendTlsConfig(BackendEncrypt.OFF, false, null, null,
            TlsProtocols.parse(DEFAULT_PROTOCOLS));

    public BackendTlsConfig {
        Objects.requireNonNull(encrypt, "encrypt");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols must not be empty");
        }
        if (hostNameInCertificateOrNull != null && hostNameInCertificateOrNull.isBlank()) {
            throw new IllegalArgumentException("hostNameInCertificate must be null or non-blank");
        }
    }

    /** Whether the backend leg uses TLS at all. */
    public boolean encrypted() {
        return encrypt != BackendEncrypt.OFF;
    }
}
