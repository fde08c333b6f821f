package io.tdsproxy.tds;

/**
 * A TDS message broke the protocol: a length or offset outside the message, a truncated field, a
 * value the specification forbids. The session that reads it closes that one connection (with a TDS
 * ERROR token where the client can still read one); it never escapes to the process.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws unless {@code readable >= needed}, naming what was being read. */
    public static void requireReadable(int readable, int needed, String what) {
        if (readable < needed) {
            throw new ProtocolException(what + ": needs " + needed + " bytes, " + readable + " left");
        }
    }
}
