package io.tdsproxy.server.proxy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TLS alert descriptions (RFC 5246 7.2, RFC 8446 6) by code and by the names the two TLS providers
 * print: the JDK writes {@code certificate_unknown}, BoringSSL {@code SSLV3_ALERT_CERTIFICATE_UNKNOWN}.
 */
final class TlsAlert {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(22, "record_overflow"), Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"),
            Map.entry(43, "unsupported_certificate"), Map.entry(44, "certificate_revoked"),
            Map.entry(45, "certificate_expired"), Map.entry(46, "certificate_unknown"),
            Map.entry(47, "illegal_parameter"), Map.entry(48, "unknown_ca"), Map.entry(49, "access_denied"),
            Map.entry(50, "decode_error"), Map.entry(51, "decrypt_error"), Map.entry(70, "protocol_version"),
            Map.entry(71, "insufficient_security"), Map.entry(80, "internal_error"),
            Map.entry(86, "inappropriate_fallback"), Map.entry(90, "user_canceled"),
            Map.entry(109, "missing_extension"), Map.entry(110, "unsupported_extension"),
            Map.entry(112, "unrecognized_name"), Map.entry(116, "certificate_required"),
            Map.entry(120, "no_application_protocol"));

    /** Alerts a client sends when it refuses the certificate's issuer (or cannot build a path to a trusted root). */
    static final Set<String> UNTRUSTED = Set.of("unknown_ca", "bad_certificate", "certificate_unknown");
    static final String PROTOCOL_VERSION = "protocol_version";

    private TlsAlert() {
    }

    /** The RFC name of an alert description code, or {@code alert_<code>} for an unknown one. */
    static String name(int code) {
        return NAMES.getOrDefault(code, "alert_" + code);
    }

    /**
     * The RFC name from a provider's spelling: {@code TLSV1_ALERT_UNKNOWN_CA} or {@code unknown_ca}.
     * Empty when it is no alert name.
     */
    static Optional<String> fromProviderName(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceFirst("^(sslv3|tlsv1)_alert_", "");
        return NAMES.containsValue(name) ? Optional.of(name) : Optional.empty();
    }
}
