package io.tdsproxy.testkit.jdbc;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.EncryptionMode;
import org.junit.jupiter.api.BeforeAll;

/** The mssql-jdbc scenarios over TDS 8.0 strict TLS (server STRICT, encrypt=strict). */
class JdbcMssqlStrictIT extends EncryptedMssqlScenarios {

    @BeforeAll
    static void startServer() {
        server = startServer(BackendEncryption.STRICT);
    }

    @Override
    String encrypt() {
        return "strict";
    }

    @Override
    EncryptionMode expectedMode() {
        return EncryptionMode.STRICT;
    }
}
