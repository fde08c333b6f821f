package io.tdsproxy.testkit.session;

/** The client connection went away while a worker was still producing its response. */
public final class ConnectionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Without a stack trace: this is control flow, not a failure. */
    public ConnectionClosedException() {
        super("connection closed", null, false, false);
    }
}
