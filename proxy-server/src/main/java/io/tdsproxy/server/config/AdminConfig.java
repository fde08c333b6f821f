package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * {@code [admin]}: the operator's HTTP listener ({@code /metrics}, {@code /health/live},
 * {@code /health/ready}).
 *
 * @param enabled   {@code enabled}: whether to listen at all, default on
 * @param ipAddress {@code ipaddress}: IP literal to bind, default {@value #DEFAULT_IP_ADDRESS} (loopback:
 *                  metrics are not for the world)
 * @param port      {@code port}: 1..65535, default {@value #DEFAULT_PORT}; 0 asks for an ephemeral port (tests)
 */
public record AdminConfig(boolean enabled, String ipAddress, int port) {
    public static final String DEFAULT_IP_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9187;
    /** Enabled on {@value #DEFAULT_IP_ADDRESS}:{@value #DEFAULT_PORT}. */
    public static final AdminConfig DEFAULT = new AdminConfig(true, DEFAULT_IP_ADDRESS, DEFAULT_PORT);

    public AdminConfig {
        Objects.requireNonNull(ipAddress, "ipAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
    }
}
