package io.tdsproxy.testkit.h2;

import io.tdsproxy.testkit.sql.SessionInfo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One TDS session's H2 connection and the T-SQL session state kept beside it: NOCOUNT, ROWCOUNT,
 * IMPLICIT_TRANSACTIONS, an explicit transaction, prepared handles. Used by one worker thread at a
 * time (requests of a connection run one after another).
 *
 * <p>Transactions map onto H2's auto-commit: {@code BEGIN TRAN} and implicit-transaction mode switch
 * auto-commit off, {@code COMMIT}/{@code ROLLBACK} end the transaction; H2 has no nesting, so
 * {@code @@TRANCOUNT} is 0 or 1.
 */
public final class H2Session implements SessionInfo, AutoCloseable {
    private final Connection connection;
    private final int spid;
    private final String login;
    private final String hostName;
    private final String appName;
    private final PreparedHandles handles = new PreparedHandles();
    private String database;
    private boolean noCount;
    private int rowCountLimit;
    private long lastRowCount;
    private boolean implicitTransactions;
    private boolean explicitTransaction;
    private boolean implicitTransactionOpen;

    /** A session over {@code connection} (auto-commit on) for a logged-in client. */
    public H2Session(Connection connection, int spid, String database, String login, String hostName, String appName) {
        this.connection = connection;
        this.spid = spid;
        this.database = database;
        this.login = login;
        this.hostName = hostName;
        this.appName = appName;
    }

    /** The H2 connection; only the worker running this session's request uses it. */
    public Connection connection() {
        return connection;
    }

    /** This session's prepared statement handles. */
    public PreparedHandles handles() {
        return handles;
    }

    @Override
    public int spid() {
        return spid;
    }

    @Override
    public String database() {
        return database;
    }

    /** Records a database switch. */
    public void database(String name) {
        this.database = name;
    }

    @Override
    public String login() {
        return login;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public int tranCount() {
        return explicitTransaction || implicitTransactionOpen ? 1 : 0;
    }

    @Override
    public long lastRowCount() {
        return lastRowCount;
    }

    /** Records the row count of the statement just run. */
    public void lastRowCount(long rows) {
        this.lastRowCount = rows;
    }

    /** {@code SET NOCOUNT ON}: DML DONE tokens carry no count. */
    public boolean noCount() {
        return noCount;
    }

    /** {@code SET ROWCOUNT}: 0 = no limit. */
    public int rowCountLimit() {
        return rowCountLimit;
    }

    /** Called before H2 runs a statement: in implicit-transaction mode this opens the transaction. */
    public void beforeStatement() {
        if (implicitTransactions) {
            implicitTransactionOpen = true;
        }
    }

    /** {@code SET <option> <value>} with an effect here; others are accepted and ignored. */
    public void setOption(String option, String value) throws SQLException, TsqlError {
        boolean on = value.startsWith("ON");
        switch (option) {
            case "NOCOUNT":
                noCount = on;
                break;
            case "ROWCOUNT":
                try {
                    rowCountLimit = Math.max(0, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    throw new TsqlError(102, 15, "Incorrect syntax near '" + value + "'.");
                }
                break;
            case "IMPLICIT_TRANSACTIONS":
                implicitTransactions = on;
                connection.setAutoCommit(!on && tranCount() == 0);
                break;
            case "TRANSACTION":
                isolation(value);
                break;
            default:
                break;
        }
    }

    private void isolation(String value) throws SQLException {
        String level = value.replace("ISOLATION LEVEL", "").trim().toUpperCase(Locale.ROOT);
        switch (level) {
            case "READ UNCOMMITTED":
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                break;
            case "REPEATABLE READ":
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                break;
            case "SERIALIZABLE":
                connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                break;
            default: // READ COMMITTED, SNAPSHOT
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                break;
        }
    }

    /** {@code BEGIN TRAN}: auto-commit off until COMMIT or ROLLBACK. */
    public void beginTransaction() throws SQLException {
        connection.setAutoCommit(false);
        explicitTransaction = true;
    }

    /** {@code COMMIT}; error 3902 without a transaction, as SQL Server. */
    public void commit() throws SQLException, TsqlError {
        if (tranCount() == 0) {
            throw new TsqlError(3902, 16, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        }
        connection.commit();
        endTransaction();
    }

    /** {@code ROLLBACK}; error 3903 without a transaction, as SQL Server. */
    public void rollback() throws SQLException, TsqlError {
        if (tranCount() == 0) {
            throw new TsqlError(3903, 16, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        }
        connection.rollback();
        endTransaction();
    }

    private void endTransaction() throws SQLException {
        explicitTransaction = false;
        implicitTransactionOpen = false;
        connection.setAutoCommit(!implicitTransactions);
    }

    /** RESETCONNECTION (MS-TDS 2.2.3.1.2): roll back and return to the login defaults. */
    public void reset() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        explicitTransaction = false;
        implicitTransactionOpen = false;
        implicitTransactions = false;
        noCount = false;
        rowCountLimit = 0;
        connection.setAutoCommit(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
