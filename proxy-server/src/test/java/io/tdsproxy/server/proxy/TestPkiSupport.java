package io.tdsproxy.server.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The fixture shared by the proxy ITs: a test PKI per test class, and a {@link Closer} per test that
 * closes what the test registered (proxies, backends, observability) last-in-first-out after it. The
 * PKI fields are static and shared by all subclasses, which is safe because test classes run one after
 * another (no JUnit parallel execution in this build).
 */
abstract class TestPkiSupport {
    @TempDir
    static Path pkiDir;
    static TestPki pki;

    final Closer closer = new Closer();

    @BeforeAll
    static void createPki() throws Exception {
        pki = new TestPki(pkiDir);
    }

    @AfterEach
    void closeResources() throws Exception {
        closer.close();
    }
}
