package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * {@code [admin]}: the HTTP endpoint for metrics and health checks.
 *
 * @param enabled   {@code enabled}: 1 (default) serves it, 0 does not
 * @param ipAddress {@code ipaddress}: IP literal to bind, default {@value #DEFAULT_IP_ADDRESS} (loopback:
 *                  exposing it further is a deliberate choice)
 * @param port      {@code port}: default {@value #DEFAULT_PORT}; 0 asks for an ephemeral port (tests)
 */
public record AdminConfig(boolean enabled, String ipAddress, int port) {
    public static final String DEFAULT_IP_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9187;
    public static final AdminConfig DEFAULTS = new AdminConfig(true, DEFAULT_IP_ADDRESS, DEFAULT_PORT);

    public AdminConfig {
        Objects.requireNonNull(ipAddress, "ipAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
    }
}
