package io.tdsproxy.testkit.session;

/** The client connection went away while a worker was still producing its response. */
public final class ConnectionClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException() {
        super("connection closed", null, false, false);
    }
}
