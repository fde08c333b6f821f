package io.tdsproxy.testkit.h2;

/**
 * An error the embedded server raises itself, with SQL Server's number and text (for example 911
 * for {@code USE} of an unknown database), as opposed to one H2 raised.
 */
public final class TsqlError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final int severity;

    /**
     * @param number   SQL Server error number
     * @param severity the ERROR token class
     * @param message  the message text
     */
    public TsqlError(int number, int severity, String message) {
        super(message);
        this.number = number;
        this.severity = severity;
    }

    /** SQL Server error number. */
    public int number() {
        return number;
    }

    /** The ERROR token class. */
    public int severity() {
        return severity;
    }
}
