package io.tdsproxy.server.proxy;

/** How a client connection ended, or {@link #OPEN} while it still runs. Bounded: fit for metric tags. */
public enum ConnectionOutcome {
    /** Still running (reported with {@link ConnectionListener#established}). */
    OPEN,
    /** The login was forwarded and the relay ran until one side closed. */
    RELAYED,
    /** The client would not encrypt although {@code forceencryption = 1}; it was sent an error. */
    ENCRYPTION_REQUIRED,
    /** The backend could not be reached or did not answer its PRELOGIN; the client was sent an error. */
    BACKEND_UNAVAILABLE,
    /** The client-leg TLS handshake failed. */
    TLS_FAILED,
    /** The client broke the protocol (malformed or unexpected packet). */
    PROTOCOL_ERROR,
    /** The client asked for something this proxy is not configured for (TDS 8.0 strict without a certificate). */
    UNSUPPORTED,
    /** The client was over {@code proxy.maxconnections}; it was sent an error at its LOGIN7. */
    CONNECTION_LIMIT,
    /** The client did not complete PRELOGIN, TLS and LOGIN7 within {@code proxy.handshaketimeout}. */
    HANDSHAKE_TIMEOUT,
    /** The relay carried no byte either way for {@code proxy.idletimeout}. */
    IDLE_TIMEOUT,
    /** The client went away before its login was forwarded. */
    CLIENT_CLOSED,
    /** An unexpected failure inside the proxy; the connection was closed. */
    INTERNAL_ERROR
}
