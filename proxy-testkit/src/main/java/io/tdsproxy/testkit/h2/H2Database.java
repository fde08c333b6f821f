package io.tdsproxy.testkit.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one in-memory H2 database behind an embedded server. Every server gets its own database (a
 * unique {@code mem:} name), so tests in one JVM never see each other's tables. A keeper connection
 * holds the database open for the server's lifetime; {@link #close()} shuts it down, which also
 * ends every session connection.
 *
 * <p>Settings: {@code MODE=MSSQLServer} (T-SQL syntax such as {@code TOP}, {@code [x]}, {@code +} on
 * strings, {@code NEWID()}), {@code DATABASE_TO_UPPER=FALSE} and {@code CASE_INSENSITIVE_IDENTIFIERS=TRUE}
 * (identifiers keep their case but match case-insensitively, like a CI collation),
 * {@code LAZY_QUERY_EXECUTION=TRUE} (rows are produced while they are sent instead of being collected
 * first, which keeps a huge result in bounded memory), and a {@code dbo} default schema.
 */
public final class H2Database implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final org.h2.Driver DRIVER = new org.h2.Driver();

    private final String url;
    private final Connection keeper;

    private H2Database(String url, Connection keeper) {
        this.url = url;
        this.keeper = keeper;
    }

    /** Creates a fresh database; {@code label} only makes the H2 name readable in diagnostics. */
    public static H2Database create(String label) throws SQLException {
        String name = "tdsproxy_" + SEQUENCE.incrementAndGet() + "_" + label.replaceAll("[^A-Za-z0-9_]", "_")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        String url = "jdbc:h2:mem:" + name + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE"
                + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;LAZY_QUERY_EXECUTION=TRUE";
        Connection keeper = connect(url);
        try (Statement s = keeper.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS dbo");
            s.execute("SET SCHEMA dbo");
        } catch (SQLException e) {
            keeper.close();
            throw e;
        }
        return new H2Database(url, keeper);
    }

    /** A new session connection with {@code dbo} as its schema and auto-commit on. */
    public Connection open() throws SQLException {
        Connection c = connect(url);
        try (Statement s = c.createStatement()) {
            s.execute("SET SCHEMA dbo");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The H2 JDBC URL: reachable only inside this JVM, for tests that seed data directly. */
    public String url() {
        return url;
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return DRIVER.connect(url, p);
    }

    /** Shuts the database down; sessions still open get errors from then on. */
    @Override
    public void close() throws SQLException {
        try (Statement s = keeper.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            keeper.close();
        }
    }
}
