package io.tdsproxy.testkit.jdbc;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.EncryptionMode;
import org.junit.jupiter.api.BeforeAll;

/** The mssql-jdbc scenarios over login-only TLS (server OFF, encrypt=false). */
class JdbcMssqlLoginOnlyIT extends EncryptedMssqlScenarios {

    @BeforeAll
    static void startServer() {
        server = startServer(BackendEncryption.OFF);
    }

    @Override
    String encrypt() {
        return "false";
    }

    @Override
    EncryptionMode expectedMode() {
        return EncryptionMode.LOGIN_ONLY;
    }
}
