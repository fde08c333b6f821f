package io.tdsproxy.tls;

/**
 * A certificate or key file could not be used. The message names the file and what is wrong
 * ("key does not match certificate", "wrong passphrase?"); it never contains key bytes.
 */
public final class KeyMaterialException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
