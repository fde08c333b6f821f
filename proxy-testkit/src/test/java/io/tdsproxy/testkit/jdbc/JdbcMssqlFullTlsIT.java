package io.tdsproxy.testkit.jdbc;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.EncryptionMode;
import org.junit.jupiter.api.BeforeAll;

/** The mssql-jdbc scenarios over full TDS 7.x TLS (server FORCE, encrypt=true). */
class JdbcMssqlFullTlsIT extends EncryptedMssqlScenarios {

    @BeforeAll
    static void startServer() {
        server = startServer(BackendEncryption.FORCE);
    }

    @Override
    String encrypt() {
        return "true";
    }

    @Override
    EncryptionMode expectedMode() {
        return EncryptionMode.FULL_TLS;
    }
}
