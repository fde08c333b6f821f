package io.tdsproxy.testkit;

import io.tdsproxy.tds.prelogin.ServerEncryptionPolicy;

/**
 * How the embedded server answers the ENCRYPTION option of PRELOGIN (MS-TDS 2.2.6.5; protocol.md 3.2).
 * Only {@link #NOT_SUP} is implemented so far; the others need a certificate and the TLS pipeline
 * steps reserved in {@code EmbeddedHandlerNames}.
 */
public enum BackendEncryption {
    /** No certificate: replies ENCRYPT_NOT_SUP, everything is plaintext (clients that require TLS give up). */
    NOT_SUP(ServerEncryptionPolicy.NOT_SUP, true),
    /** A certificate, the client decides (login-only or full TLS). Not implemented yet. */
    OFF(ServerEncryptionPolicy.OFF, false),
    /** A certificate and full TLS required (SQL Server forceencryption=1). Not implemented yet. */
    FORCE(ServerEncryptionPolicy.FORCE, false),
    /** TDS 8.0: TLS first, before any TDS byte. Not implemented yet. */
    STRICT(null, false);

    private final ServerEncryptionPolicy policy;
    private final boolean implemented;

    BackendEncryption(ServerEncryptionPolicy policy, boolean implemented) {
        this.policy = policy;
        this.implemented = implemented;
    }

    /** The PRELOGIN negotiation column, {@code null} for STRICT (no PRELOGIN in clear). */
    public ServerEncryptionPolicy policy() {
        return policy;
    }

    /** Whether the embedded server can run with this policy yet. */
    public boolean implemented() {
        return implemented;
    }
}
