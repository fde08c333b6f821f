package io.tdsproxy.server.proxy;

/** How a certificate reload ended. Bounded: fit for metric tags. */
public enum ReloadOutcome {
    /** New handshakes now use the new certificate and key. */
    RELOADED,
    /** The files hold the certificate and key already served; nothing changed. */
    UNCHANGED,
    /** The new pair did not load or failed a certificate check; the previous pair is still served. */
    REJECTED
}
