package io.tdsproxy.testkit;

/** How one connection to the embedded server is protected (protocol.md 3.2 to 3.4 and 5). */
public enum EncryptionMode {
    /** No TLS: ENCRYPT_NOT_SUP negotiated, no PRELOGIN at all, or closed before any negotiation. */
    PLAINTEXT,
    /** TDS 7.x: TLS for the first LOGIN7 packet only, then plaintext both ways (ENCRYPT_OFF negotiated). */
    LOGIN_ONLY,
    /** TDS 7.x: PRELOGIN in clear, then TLS (handshake wrapped in PRELOGIN packets) for the rest. */
    FULL_TLS,
    /** TDS 8.0: TLS first, PRELOGIN and everything after inside it. */
    STRICT
}
