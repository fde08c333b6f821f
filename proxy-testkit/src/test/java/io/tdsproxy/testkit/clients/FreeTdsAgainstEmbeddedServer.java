package io.tdsproxy.testkit.clients;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The fixture of the FreeTDS client tests ({@code tsql}, pymssql): one embedded server per test class
 * with a known login and database {@code testdb}, and a fresh folder per test for the client's
 * {@code freetds.conf} and trace files. The server field is static and shared by the subclasses, which
 * is safe because test classes run one after another (no JUnit parallel execution in this build).
 */
abstract class FreeTdsAgainstEmbeddedServer {
    static final String USER = "tester";
    static final String PASSWORD = "S3cret!pw";
    static final String DATABASE = "testdb";
    static EmbeddedTdsServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = EmbeddedTdsServer.builder().login(USER, PASSWORD).database(DATABASE).build().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** The server's address with {@code encryption = off}: these tests exercise the clients, not TLS. */
    static FreeTdsConfig unencrypted() {
        return FreeTdsConfig.of(server.host(), server.port(), FreeTdsConfig.Encryption.OFF);
    }
}
