package io.tdsproxy.testkit;

import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;

/**
 * How the embedded server protects connections, named after the SQL Server settings each one mirrors
 * (mssql-conf {@code network.forceencryption}, {@code network.forcestrict}; protocol.md 3.2 and 5).
 * Every policy except {@link #NOT_SUP} needs a certificate (the builder generates a self-signed one
 * when none is given).
 *
 * <pre>
 * client sends          NOT_SUP          OFF                      FORCE                     STRICT (strict only)
 * PRELOGIN ENCRYPT_OFF  plaintext        login-only TLS           full TLS (reply REQ)      full TLS, LOGIN7 refused
 * PRELOGIN ENCRYPT_ON   refused (NOT_SUP) full TLS                full TLS                  full TLS, LOGIN7 refused
 * PRELOGIN NOT_SUP      plaintext        plaintext                reply REQ, then closed    reply REQ, then closed
 * LOGIN7 first (0x10)   plaintext        plaintext                ERROR, closed             ERROR, closed
 * TLS first (0x16)      closed           with acceptStrict: TDS 8.0 strict                  TDS 8.0 strict
 * </pre>
 * "Refused" at PRELOGIN means the reply is sent (so the client reports its own error, protocol.md 8.1)
 * and the connection closed; "LOGIN7 refused" means the LOGIN7 is answered with ERROR + DONE inside the
 * encryption the client negotiated, so that it can show the server's text.
 */
public enum BackendEncryption {
    /** No certificate, {@code forceencryption=0}: ENCRYPT_NOT_SUP, everything is plaintext. */
    NOT_SUP(ServerEncryptionPolicy.NOT_SUP),
    /** A certificate, {@code forceencryption=0}: the client decides (plaintext, login-only or full TLS). */
    OFF(ServerEncryptionPolicy.OFF),
    /** A certificate, {@code forceencryption=1}: full TLS or nothing. */
    FORCE(ServerEncryptionPolicy.FORCE),
    /**
     * A certificate, {@code forcestrict=1} (SQL Server 2022 "Force Strict Encryption"): TDS 8.0 only, TLS
     * first on the connection with ALPN {@code tds/8.0}. A TDS 7.x client is negotiated like
     * {@link #FORCE} and its LOGIN7 then refused with an error that names strict encryption. To accept
     * TDS 8.0 and TDS 7.x clients alike, use {@link #OFF} or {@link #FORCE} with the builder's
     * {@code acceptStrict(true)} (SQL Server 2022 without Force Strict Encryption).
     */
    STRICT(ServerEncryptionPolicy.FORCE);

    private final ServerEncryptionPolicy tds7Policy;

    BackendEncryption(ServerEncryptionPolicy tds7Policy) {
        this.tds7Policy = tds7Policy;
    }

    /** The column of the TDS 7.x PRELOGIN negotiation table (protocol.md 3.2) this policy uses. */
    public ServerEncryptionPolicy policy() {
        return tds7Policy;
    }

    /** Whether the policy needs a certificate (all but {@link #NOT_SUP}). */
    public boolean needsCertificate() {
        return this != NOT_SUP;
    }

    /** Whether a LOGIN7 may arrive without encryption (no PRELOGIN, or ENCRYPT_NOT_SUP negotiated). */
    public boolean allowsPlaintextLogin() {
        return this == NOT_SUP || this == OFF;
    }
}
