package io.tdsproxy.tds.prelogin;

/** What a connection does after the PRELOGIN exchange (MS-TDS 2.2.6.5; protocol.md 3.2 to 3.4). */
public enum EncryptionOutcome {
    /** No TLS at all: LOGIN7 and everything after travel in plaintext. */
    NONE,
    /** TLS handshake, then only the first LOGIN7 packet is encrypted (protocol.md 3.4). */
    LOGIN_ONLY,
    /** TLS for the rest of the connection. */
    FULL,
    /** The connection ends after the PRELOGIN reply ("connection terminated" in the spec tables). */
    REFUSE
}
