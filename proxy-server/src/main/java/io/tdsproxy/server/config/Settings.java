package io.tdsproxy.server.config;

import java.util.Objects;

/**
 * Everything {@code tdsproxy run} reads: the file with its environment and {@code --set} overrides,
 * validated. Load it with {@link SettingsLoader}.
 *
 * @param proxy  {@code [network]} and {@code [backend]}, with where each key came from
 * @param tuning {@code [proxy]}: limits, timeouts, drain
 * @param admin  {@code [admin]}: the metrics and health endpoint
 */
public record Settings(ProxyConfig proxy, ProxyTuning tuning, AdminConfig admin) {
    public Settings {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(admin, "admin");
    }

    /** Defaults for everything but {@code proxy} (tests and the demo). */
    public static Settings of(ProxyConfig proxy) {
        return new Settings(proxy, ProxyTuning.DEFAULTS, AdminConfig.DEFAULT);
    }
}
