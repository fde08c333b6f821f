package io.tdsproxy.testkit.jdbc;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.tls.TestTrust;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link JdbcScenarios} scenario (types, prepared statements, cancel, large values, transactions)
 * through mssql-jdbc over an encrypted connection: subclasses start the server with their policy in a
 * {@code startServer()} that hides the plaintext one, and name the {@code encrypt} value and the mode
 * every login must have been recorded with.
 */
abstract class EncryptedMssqlScenarios extends JdbcScenarios {

    static EmbeddedTdsServer startServer(BackendEncryption encryption) {
        return EmbeddedTdsServer.builder().login(USER, PASSWORD).database("testdb").encryption(encryption)
                .certificate(TestTrust.serverKeyMaterial()).build().start();
    }

    /** The mssql-jdbc {@code encrypt} value. */
    abstract String encrypt();

    /** The mode the server must record for every login of this class. */
    abstract EncryptionMode expectedMode();

    @Override
    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlserver://127.0.0.1:" + server.port() + ";databaseName="
                + server.database() + ";loginTimeout=15;encrypt=" + encrypt() + TestTrust.jdbcTrust(), user, password);
    }

    @Override
    String cancelMessage() {
        return "The query was canceled.";
    }

    @Override
    boolean modernTypes() {
        return true;
    }

    @Test
    void everyLoginUsedTheExpectedMode() throws SQLException {
        connect().close();
        assertThat(server.connections()).filteredOn(r -> r.outcome() == ConnectionSecurity.Outcome.LOGIN_RECEIVED)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.mode()).isEqualTo(expectedMode()));
    }
}
