package io.tdsproxy.server.proxy;

/** Which way relayed bytes flow. Bounded: fit for metric tags. */
public enum RelayDirection {
    /** Client to backend (requests). */
    TO_BACKEND,
    /** Backend to client (results). */
    TO_CLIENT
}
