package io.tdsproxy.testkit.h2;

/**
 * An error the embedded server raises itself, with SQL Server's number and text (for example 911
 * for {@code USE} of an unknown database), as opposed to one H2 raised.
 */
public final class TsqlError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int number;
    private final int severity;

    public TsqlError(int number, int severity, String message) {
        super(message);
        this.number = number;
        this.severity = severity;
    }

    public int number() {
        return number;
    }

    public int severity() {
        return severity;
    }
}
