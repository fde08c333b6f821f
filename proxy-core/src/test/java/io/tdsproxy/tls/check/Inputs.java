package io.tdsproxy.tls.check;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** {@link CheckInput}s for single-check tests: judged at {@link TestCertificate#NOW}, running user "proxy". */
final class Inputs {
    static final String HOST = "db.example.test";

    private Inputs() {
    }

    static CheckInput of(TestCertificate leaf) {
        return of(List.of(leaf.certificate()), leaf.key(), HOST);
    }

    static CheckInput of(TestCertificate leaf, String host) {
        return of(List.of(leaf.certificate()), leaf.key(), host);
    }

    static CheckInput of(List<X509Certificate> chain, PrivateKey key, String host) {
        return new CheckInput(chain, key, null, host, TestCertificate.NOW, "proxy");
    }

    static CheckInput withKeyFile(TestCertificate leaf, Path keyFile, String runningUser) {
        return new CheckInput(List.of(leaf.certificate()), leaf.key(), keyFile, HOST, TestCertificate.NOW, runningUser);
    }
}
