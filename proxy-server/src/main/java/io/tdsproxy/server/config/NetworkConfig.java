package io.tdsproxy.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code [network]}: where the proxy listens and how it treats client encryption, with the meaning
 * SQL Server on Linux gives these keys.
 *
 * @param ipAddress       {@code ipaddress}: IP literal to bind, default {@value #DEFAULT_IP_ADDRESS}
 * @param tcpPort         {@code tcpport}: 1..65535, default {@value #DEFAULT_TCP_PORT}; 0 asks for an
 *                        ephemeral port (tests)
 * @param forceEncryption {@code forceencryption = 1}: every connection must be encrypted
 *                        (needs {@code tls})
 * @param tls             the certificate and TLS settings; empty when no certificate is configured, in
 *                        which case the proxy answers ENCRYPT_NOT_SUP like a server without one
 * @param forceStrict     {@code forcestrict = 1} (SQL Server 2022 "Force Strict Encryption"): only TDS 8.0
 *                        connections are served (needs {@code tls})
 */
public record NetworkConfig(String ipAddress, int tcpPort, boolean forceEncryption, Optional<TlsConfig> tls,
                            boolean forceStrict) {
    public static final String DEFAULT_IP_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_TCP_PORT = 1433;

    /** Without {@code forcestrict}. */
    public NetworkConfig(String ipAddress, int tcpPort, boolean forceEncryption, Optional<TlsConfig> tls) {
        this(ipAddress, tcpPort, forceEncryption, tls, false);
    }

    public NetworkConfig {
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(tls, "tls");
        if (tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("tcpPort " + tcpPort + " outside 0..65535");
        }
        if (forceEncryption && tls.isEmpty()) {
            throw new IllegalArgumentException("forceEncryption needs a certificate (tls)");
        }
        if (forceStrict && tls.isEmpty()) {
            throw new IllegalArgumentException("forceStrict needs a certificate (tls)");
        }
    }
}
