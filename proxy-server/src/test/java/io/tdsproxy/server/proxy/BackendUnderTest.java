package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded backend with the encryption policy each {@code [backend] encrypt} mode meets, and its
 * own CA (issue 4 item 3): NOT_SUP for off, OFF (forceencryption 0, answers a login-only request) for
 * login, FORCE (forceencryption 1) for on, STRICT (forcestrict 1, TDS 8.0 only) for strict. Its
 * connection records show what its client, the proxy under test, really negotiated.
 */
final class BackendUnderTest implements AutoCloseable {
    /** The name in the backend's certificate: dotted, so that TLS clients send it as SNI. */
    static final String NAME = "db.backend.test";

    private final EmbeddedTdsServer server;
    private final Path caPem;
    private int seen;

    private BackendUnderTest(EmbeddedTdsServer server, Path caPem) {
        this.server = server;
        this.caPem = caPem;
    }

    /** The policy matching {@code encrypt}, TLS 1.2 only for the TDS 7.x policies and 1.2/1.3 for strict. */
    static BackendUnderTest start(BackendEncrypt encrypt, Path parentDir) throws Exception {
        return start(policy(encrypt), encrypt == BackendEncrypt.STRICT ? "1.2,1.3" : "1.2", parentDir);
    }

    /** Any policy and TLS versions, with a fresh CA and a certificate for {@link #NAME}. */
    static BackendUnderTest start(BackendEncryption policy, String tlsProtocols, Path parentDir) throws Exception {
        EmbeddedTdsServer.Builder builder = EmbeddedTdsServer.builder().encryption(policy);
        Path caPem = null;
        if (policy.needsCertificate()) {
            TestPki pki = new TestPki(Files.createTempDirectory(parentDir, "backend-"), NAME);
            builder.certificate(pki.certificate, pki.key).tlsProtocols(tlsProtocols);
            caPem = pki.caPem;
        }
        return new BackendUnderTest(builder.build().start(), caPem);
    }

    static BackendEncryption policy(BackendEncrypt encrypt) {
        switch (encrypt) {
            case LOGIN: return BackendEncryption.OFF;
            case ON: return BackendEncryption.FORCE;
            case STRICT: return BackendEncryption.STRICT;
            default: return BackendEncryption.NOT_SUP;
        }
    }

    int port() {
        return server.port();
    }

    /** The PEM of the CA that issued the backend certificate (null for NOT_SUP). */
    Path caPem() {
        return caPem;
    }

    /** The backend-leg mode the proxy under test must record for {@code encrypt}. */
    static BackendLegMode expectedMode(BackendEncrypt encrypt) {
        switch (encrypt) {
            case LOGIN: return BackendLegMode.LOGIN_ONLY;
            case ON: return BackendLegMode.FULL_TLS;
            case STRICT: return BackendLegMode.STRICT;
            default: return BackendLegMode.PLAINTEXT;
        }
    }

    /** The next connection the backend recorded (they are consumed in order). */
    ConnectionSecurity nextConnection() throws Exception {
        List<ConnectionSecurity> all = server.awaitConnections(seen + 1, Duration.ofSeconds(30));
        return all.get(seen++);
    }

    /** Checks, from the backend's side, how the proxy under test connected to it. */
    void assertClientLeg(BackendEncrypt encrypt) throws Exception {
        ConnectionSecurity seenByBackend = nextConnection();
        assertThat(seenByBackend.outcome()).isEqualTo(ConnectionSecurity.Outcome.LOGIN_RECEIVED);
        switch (encrypt) {
            case LOGIN:
                assertThat(seenByBackend.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
                assertThat(seenByBackend.tlsProtocol()).contains("TLSv1.2");
                break;
            case ON:
                assertThat(seenByBackend.mode()).isEqualTo(EncryptionMode.FULL_TLS);
                assertThat(seenByBackend.tlsProtocol()).contains("TLSv1.2");
                break;
            case STRICT:
                assertThat(seenByBackend.mode()).isEqualTo(EncryptionMode.STRICT);
                assertThat(seenByBackend.tlsProtocol()).contains("TLSv1.3");
                assertThat(seenByBackend.alpn()).contains("tds/8.0");
                assertThat(seenByBackend.sni()).contains(NAME);
                break;
            default:
                assertThat(seenByBackend.mode()).isEqualTo(EncryptionMode.PLAINTEXT);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
