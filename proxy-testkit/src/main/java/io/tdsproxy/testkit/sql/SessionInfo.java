package io.tdsproxy.testkit.sql;

/**
 * What the T-SQL probes clients send after login ({@code @@SPID}, {@code DB_NAME()}, ...) need to
 * know about the session, so that {@link TsqlTranslator} can answer them with literals.
 */
public interface SessionInfo {
    /** Server process id stamped on this connection's packets. */
    int spid();

    /** Current database name. */
    String database();

    /** Login name used in LOGIN7. */
    String login();

    /** Open transaction count (0 or 1: H2 has no nesting). */
    int tranCount();

    /** Row count of the previous statement, for {@code @@ROWCOUNT}. */
    long lastRowCount();

    /** Client host name from LOGIN7. */
    String hostName();

    /** Client application name from LOGIN7. */
    String appName();
}
