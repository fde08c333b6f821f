package io.tdsproxy.tls;

import java.security.cert.CertificateException;

/**
 * The server certificate chains to a trusted CA but carries neither in its SANs nor in its CN the
 * name the client expects (SQL Server clients report this as "The target principal name is
 * incorrect."). A type of its own so that callers can tell it from an untrusted chain.
 */
public final class CertificateNameException extends CertificateException {
    private static final long serialVersionUID = 1L;

    private final String expectedName;

    public CertificateNameException(String message, String expectedName) {
        super(message);
        this.expectedName = expectedName;
    }

    /** The name that was looked for. */
    public String expectedName() {
        return expectedName;
    }
}
