package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.BackendEncrypt;
import io.tdsproxy.server.config.BackendTlsConfig;
import io.tdsproxy.tls.CertificateNameException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Backend certificate failures in SQL Server's documented words, with a fix for the operator. */
class BackendTlsTest {
    private static final BackendConfig BACKEND = new BackendConfig("10.0.0.5", 1433,
            new BackendTlsConfig(BackendEncrypt.ON, false, null, "db.example.test", List.of("TLSv1.2")));

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException("handshake failed");
        e.initCause(cause);
        return e;
    }

    @Test
    void untrustedChain() {
        CertificateException pkix = new CertificateException("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path to requested target"));
        BackendTls.Failure failure = BackendTls.describe(handshake(pkix), BACKEND);
        assertThat(failure.clientText()).isEqualTo("The certificate chain was issued by an authority that is not trusted.");
        assertThat(failure.operatorHint()).contains("cafile").contains("trustservercertificate");
    }

    @Test
    void wrongName() {
        BackendTls.Failure failure = BackendTls.describe(handshake(new CertificateNameException(
                "server certificate (CN=other) does not match host name 'db.example.test'", "db.example.test")), BACKEND);
        assertThat(failure.clientText()).startsWith("The target principal name is incorrect.")
                .contains("db.example.test");
        assertThat(failure.operatorHint()).contains("hostnameincertificate").contains("CN=other");
    }

    @Test
    void anythingElseKeepsTheTlsMessage() {
        BackendTls.Failure failure = BackendTls.describe(new SSLHandshakeException("Received fatal alert: protocol_version"),
                BACKEND);
        assertThat(failure.clientText()).contains("protocol_version");
        assertThat(failure.operatorHint()).contains("tlsprotocols");
    }

    @Test
    void theTlsNameIsHostNameInCertificateElseTheHost() {
        assertThat(BackendTls.tlsName(BACKEND)).isEqualTo("db.example.test");
        assertThat(BackendTls.tlsName(new BackendConfig("db1", 1433))).isEqualTo("db1");
    }
}
