package io.tdsproxy.server.proxy;

import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TestPkiSupport} plus one embedded backend per test class, the backend of the real-client proxy
 * tests: started after the PKI, before the first test, and closed after the last test (so after every
 * proxy the tests closed). Static and shared by the subclasses like the PKI.
 */
abstract class EmbeddedBackendSupport extends TestPkiSupport {
    static EmbeddedTdsServer backend;

    @BeforeAll
    static void startBackend() {
        backend = EmbeddedTdsServer.builder().build().start();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }
}
