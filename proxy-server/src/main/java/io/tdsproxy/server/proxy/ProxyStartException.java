package io.tdsproxy.server.proxy;

/** The proxy could not start listening (address in use, permission denied, bad address). */
public final class ProxyStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProxyStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
