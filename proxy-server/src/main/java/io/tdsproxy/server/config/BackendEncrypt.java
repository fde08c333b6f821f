package io.tdsproxy.server.config;

import java.util.Locale;

/**
 * {@code [backend] encrypt}: how the proxy protects its leg to the backend, as a SQL Server client
 * (MS-TDS 2.2.6.5 client table, protocol.md 3, 5).
 */
public enum BackendEncrypt {
    /** PRELOGIN ENCRYPT_NOT_SUP: plaintext; a backend that forces encryption is reported to the client. */
    OFF,
    /** PRELOGIN ENCRYPT_OFF: the LOGIN7 goes through a PRELOGIN-wrapped TLS handshake, then plaintext. */
    LOGIN,
    /** PRELOGIN ENCRYPT_ON: TDS 7.x TLS for the whole connection (satisfies {@code forceencryption = 1}). */
    ON,
    /** TDS 8.0: TLS first with ALPN {@code tds/8.0}, then PRELOGIN and everything else inside it. */
    STRICT;

    /** Parses {@code off}, {@code login}, {@code on}, {@code strict} (case-insensitive). */
    public static BackendEncrypt parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off":
                return OFF;
            case "login":
                return LOGIN;
            case "on":
                return ON;
            case "strict":
                return STRICT;
            default:
                throw new IllegalArgumentException("not an encryption mode");
        }
    }

    /** The configuration spelling. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
