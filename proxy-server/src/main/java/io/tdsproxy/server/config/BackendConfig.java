package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * {@code [backend]}: the SQL Server the proxy forwards to, and how the proxy encrypts that leg.
 *
 * @param host {@code host}: host name or IP literal (required)
 * @param port {@code port}: 1..65535, default {@value #DEFAULT_PORT}
 * @param tls  {@code encrypt} and the certificate checks; {@link BackendTlsConfig#OFF} by default
 */
public record BackendConfig(String host, int port, BackendTlsConfig tls) {
    public static final int DEFAULT_PORT = 1433;

    /** A plaintext backend leg ({@code encrypt = off}). */
    public BackendConfig(String host, int port) {
        this(host, port, BackendTlsConfig.OFF);
    }

    public BackendConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 1..65535");
        }
    }

    /** {@code host:port}, with brackets around IPv6 literals; used in logs and client-facing errors. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
