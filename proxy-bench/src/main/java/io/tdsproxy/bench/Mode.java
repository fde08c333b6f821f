package io.tdsproxy.bench;

import io.tdsproxy.tds.prelogin.EncryptionValue;

/** How the generator's connections are encrypted, named as the client leg modes of the proxy. */
public enum Mode {
    /** No TLS: PRELOGIN ENCRYPT_NOT_SUP. */
    PLAINTEXT(EncryptionValue.NOT_SUP),
    /** TDS 7.x full encryption: PRELOGIN ENCRYPT_ON, TLS handshake inside PRELOGIN packets, then TLS throughout. */
    FULL(EncryptionValue.ON),
    /** TDS 7.x login-only: PRELOGIN ENCRYPT_OFF, TLS for the LOGIN7 packet, then plaintext (protocol.md 3.4). */
    LOGIN_ONLY(EncryptionValue.OFF),
    /**
     * TDS 8.0 strict: TLS first with ALPN {@code tds/8.0}, then PRELOGIN (ENCRYPT_NOT_SUP, as mssql-jdbc
     * and tedious send inside the tunnel, protocol.md 5) and LOGIN7 through TLS. This is also what
     * HAProxy and stunnel can terminate in front of a plaintext backend.
     */
    STRICT(EncryptionValue.NOT_SUP);

    private final EncryptionValue prelogin;

    Mode(EncryptionValue prelogin) {
        this.prelogin = prelogin;
    }

    /** The ENCRYPTION value this mode puts in its PRELOGIN. */
    EncryptionValue preloginEncryption() {
        return prelogin;
    }

    /** Whether a TLS handshake happens at all. */
    boolean usesTls() {
        return this != PLAINTEXT;
    }

    /** Whether data after login is encrypted. */
    boolean encryptsData() {
        return this == FULL || this == STRICT;
    }
}
