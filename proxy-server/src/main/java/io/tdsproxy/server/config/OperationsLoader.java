package io.tdsproxy.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the proxy's operational sections, {@code [proxy]} ({@link ProxyTuning}) and {@code [admin]}
 * ({@link AdminConfig}), with the same error rules as {@link ConfigLoader}: every problem names its
 * origin, key and what was expected. Both sections are optional; absent keys take their defaults.
 */
final class OperationsLoader {
    static final String PROXY = "proxy";
    static final String ADMIN = "admin";
    static final Set<String> PROXY_KEYS = Set.of("draintimeout", "maxconnections", "handshaketimeout", "idletimeout",
            "maxpreloginsize", "maxlogin7size", "lowwatermark", "highwatermark");
    static final Set<String> ADMIN_KEYS = Set.of("enabled", "ipaddress", "port");

    private static final String OR_OFF = Durations.EXPECTED + ", or off";

    private OperationsLoader() {
    }

    /** {@code [proxy]}; null when a problem was recorded. */
    static ProxyTuning tuning(IniDocument document, List<String> problems) {
        int before = problems.size();
        SectionReader s = new SectionReader(document, PROXY, PROXY_KEYS, problems);
        s.reportUnknownKeys();
        ProxyTuning d = ProxyTuning.DEFAULTS;
        Duration drain = s.parsed("draintimeout", OR_OFF, Durations::parseOrOff).orElse(d.drainTimeout());
        int max = s.integer("maxconnections", 1, 1_000_000, d.maxConnections(), "a number of connections 1..1000000");
        Duration handshake = s.parsed("handshaketimeout", Durations.EXPECTED, Durations::parsePositive)
                .orElse(d.handshakeTimeout());
        Duration idle = s.parsed("idletimeout", OR_OFF, Durations::parseOrOff).orElse(d.idleTimeout());
        int prelogin = s.integer("maxpreloginsize", ProxyTuning.MIN_MESSAGE_LIMIT, 65_536, d.maxPreloginSize(),
                "a size in bytes " + ProxyTuning.MIN_MESSAGE_LIMIT + "..65536");
        int login7 = s.integer("maxlogin7size", ProxyTuning.MIN_MESSAGE_LIMIT, ProxyTuning.DEFAULT_MAX_LOGIN7_SIZE,
                d.maxLogin7Size(), "a size in bytes " + ProxyTuning.MIN_MESSAGE_LIMIT + ".."
                        + ProxyTuning.DEFAULT_MAX_LOGIN7_SIZE + " (the protocol's maximum)");
        String markRange = "a size in bytes 1.." + ProxyTuning.MAX_WATER_MARK;
        int low = s.integer("lowwatermark", 1, ProxyTuning.MAX_WATER_MARK, d.lowWaterMark(), markRange);
        int high = s.integer("highwatermark", 1, ProxyTuning.MAX_WATER_MARK, d.highWaterMark(), markRange);
        if (low > high) {
            Optional<IniEntry> blamed = s.entry("highwatermark").or(() -> s.entry("lowwatermark"));
            blamed.ifPresent(e -> s.problem(e, "gives highwatermark " + high + " below lowwatermark " + low
                    + "; expected lowwatermark <= highwatermark"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new ProxyTuning(drain, max, handshake, idle, prelogin, login7, low, high);
    }

    /** {@code [admin]}; null when a problem was recorded. */
    static AdminConfig admin(IniDocument document, List<String> problems) {
        int before = problems.size();
        SectionReader s = new SectionReader(document, ADMIN, ADMIN_KEYS, problems);
        s.reportUnknownKeys();
        boolean enabled = s.parsed("enabled", "0 or 1", ConfigLoader::zeroOrOne).orElse(true);
        String ip = s.parsed("ipaddress", "an IPv4 or IPv6 address such as 127.0.0.1 or ::1", ConfigLoader::ipLiteral)
                .orElse(AdminConfig.DEFAULT_IP_ADDRESS);
        int port = s.integer("port", 0, 65535, AdminConfig.DEFAULT_PORT, "a TCP port 1..65535 (0: any free port)");
        return problems.size() > before ? null : new AdminConfig(enabled, ip, port);
    }
}
