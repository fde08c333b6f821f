package io.tdsproxy.server.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole proxy configuration, immutable and validated. Build it with {@link ConfigLoader} from a
 * file, or directly in code (tests), in which case {@link #origins()} is empty.
 *
 * @param network the listener and client-leg TLS settings
 * @param backend the server behind the proxy
 * @param origins where each setting was read, keyed {@code section.key} in lower case (for example
 *                {@code network.tlscert}); lets later failures (a certificate that does not load at
 *                start-up) still name the file and line
 */
public record ProxyConfig(NetworkConfig network, BackendConfig backend, Map<String, Location> origins) {
    public ProxyConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(backend, "backend");
        origins = Map.copyOf(origins);
    }

    /** A configuration built in code, without file locations. */
    public static ProxyConfig of(NetworkConfig network, BackendConfig backend) {
        return new ProxyConfig(network, backend, Map.of());
    }

    /** Where {@code section.key} was set, if it came from a file. */
    public Optional<Location> origin(String sectionDotKey) {
        return Optional.ofNullable(origins.get(sectionDotKey));
    }

    /** {@code "file:line: "} for {@code section.key}, or {@code "[section] key: "} when built in code. */
    public String describe(String sectionDotKey) {
        int dot = sectionDotKey.indexOf('.');
        String label = "[" + sectionDotKey.substring(0, dot) + "] " + sectionDotKey.substring(dot + 1);
        return origin(sectionDotKey).map(l -> l + ": " + label).orElse(label);
    }
}
