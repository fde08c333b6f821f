package io.tdsproxy.server.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sections tdsproxy owns and their keys. Every other section ({@code [sqlagent]}, {@code [memory]},
 * ...) belongs to SQL Server and is ignored, so that {@code /var/opt/mssql/mssql.conf} can be used as
 * it is. A new key is one entry in its section's key set (for example {@link ConfigLoader#NETWORK_KEYS})
 * plus the line that reads it; validation, overrides, did-you-mean and origins follow from here.
 */
final class ConfigSections {
    /** Section name to its known keys, all lower case. */
    static final Map<String, Set<String>> KEYS = Map.of(
            ConfigLoader.NETWORK, ConfigLoader.NETWORK_KEYS,
            ConfigLoader.BACKEND, ConfigLoader.BACKEND_KEYS,
            OperationsLoader.PROXY, OperationsLoader.PROXY_KEYS,
            OperationsLoader.ADMIN, OperationsLoader.ADMIN_KEYS);

    private ConfigSections() {
    }

    static boolean owned(String section) {
        return KEYS.containsKey(section);
    }

    /** {@code "admin, backend, network, proxy"}. */
    static String names() {
        return String.join(", ", new TreeSet<>(KEYS.keySet()));
    }

    /** The problem text for a section tdsproxy does not read, with a did-you-mean when one is close. */
    static String notOwned(String section) {
        return "[" + section + "] is not a section tdsproxy reads; expected one of " + names()
                + DidYouMean.suffix(section, new TreeSet<>(KEYS.keySet()));
    }
}
