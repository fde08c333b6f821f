package io.tdsproxy.server.proxy;

/** How the client leg of a connection is protected: by its first byte (TDS 8.0) or the PRELOGIN negotiation. */
public enum ClientLegMode {
    /** Not decided yet: the connection ended before a usable PRELOGIN arrived. */
    UNNEGOTIATED,
    /** No TLS at all (negotiated ENCRYPT_NOT_SUP). */
    PLAINTEXT,
    /** TLS for the LOGIN7 only, then plaintext both ways (negotiated ENCRYPT_OFF; protocol.md 3.4). */
    LOGIN_ONLY,
    /** TLS for the whole connection (negotiated ENCRYPT_ON or ENCRYPT_REQ). */
    FULL_TLS,
    /** TDS 8.0 strict encryption: TLS before any TDS byte (first byte 0x16), PRELOGIN and all else inside it. */
    STRICT
}
