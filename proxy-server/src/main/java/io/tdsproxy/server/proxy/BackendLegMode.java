package io.tdsproxy.server.proxy;

/** How the backend leg of a connection is protected, as negotiated under {@code [backend] encrypt}. */
public enum BackendLegMode {
    /** No PRELOGIN reply from the backend (yet): the connection ended before, or the backend failed. */
    UNNEGOTIATED,
    /** Plaintext ({@code encrypt = off}: the proxy sent ENCRYPT_NOT_SUP). */
    PLAINTEXT,
    /** TLS for the LOGIN7 only ({@code encrypt = login}, backend replied ENCRYPT_OFF). */
    LOGIN_ONLY,
    /** TDS 7.x TLS for the whole connection ({@code encrypt = on}, or login with a backend that forces it). */
    FULL_TLS,
    /** TDS 8.0: TLS first, ALPN tds/8.0 ({@code encrypt = strict}). */
    STRICT
}
