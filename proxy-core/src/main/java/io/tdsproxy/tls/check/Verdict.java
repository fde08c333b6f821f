package io.tdsproxy.tls.check;

/** The outcome of one requirement. */
public enum Verdict {
    /** The requirement is met. */
    PASS,
    /** Clients will refuse the certificate (or the proxy must not use it); start-up stops on this. */
    FAIL,
    /** Works, but something will break later or for some clients; the detail says what. */
    WARN
}
