package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The fixture shared by the real-client proxy tests: a test PKI and one embedded backend per test class,
 * started before its first test and closed after its last (so after every proxy the tests closed in
 * {@code @AfterEach}). The fields are static and shared by all subclasses, which is safe because test
 * classes run one after another (no JUnit parallel execution in this build).
 */
abstract class EmbeddedBackendSupport {
    @TempDir
    static Path pkiDir;
    static TestPki pki;
    static EmbeddedTdsServer backend;

    @BeforeAll
    static void startBackend() throws Exception {
        pki = new TestPki(pkiDir);
        backend = EmbeddedTdsServer.builder().build().start();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }
}
