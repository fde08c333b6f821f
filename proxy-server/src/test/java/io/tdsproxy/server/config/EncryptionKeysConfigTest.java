package io.tdsproxy.server.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of issue 4: {@code [network] forcestrict} and the backend-leg encryption keys of {@code [backend]}. */
class EncryptionKeysConfigTest {
    @TempDir
    Path dir;

    private ConfigFile conf;

    @BeforeEach
    void files() throws IOException {
        conf = new ConfigFile(dir);
        Files.writeString(dir.resolve("server.pem"), "cert");
        Files.writeString(dir.resolve("server.key"), "key");
        Files.writeString(dir.resolve("ca.pem"), "ca");
    }

    @Test
    void defaultsArePlaintextBackendAndNoForceStrict() throws Exception {
        ProxyConfig config = conf.load("[backend]\nhost = db\n");
        assertThat(config.network().forceStrict()).isFalse();
        assertThat(config.backend().tls()).isEqualTo(BackendTlsConfig.OFF);
        assertThat(config.backend().tls().encrypted()).isFalse();
    }

    @Test
    void readsEveryBackendEncryptionKey() throws Exception {
        ProxyConfig config = conf.load("[network]\ntlscert = server.pem\ntlskey = server.key\nforcestrict = 1\n"
                + "tlsprotocols = 1.3\n"
                + "[backend]\nhost = 10.0.0.5\nencrypt = Strict\ncafile = ca.pem\n"
                + "hostnameincertificate = sql.example.internal\ntlsprotocols = 1.3\n");
        assertThat(config.network().forceStrict()).isTrue();
        BackendTlsConfig tls = config.backend().tls();
        assertThat(tls.encrypt()).isEqualTo(BackendEncrypt.STRICT);
        assertThat(tls.trustServerCertificate()).isFalse();
        assertThat(tls.caFileOrNull()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(tls.hostNameInCertificateOrNull()).isEqualTo("sql.example.internal");
        assertThat(tls.protocols()).containsExactly("TLSv1.3");

        BackendTlsConfig trusting = conf.load("[backend]\nhost = db\nencrypt = login\ntrustservercertificate = 1\n")
                .backend().tls();
        assertThat(trusting.encrypt()).isEqualTo(BackendEncrypt.LOGIN);
        assertThat(trusting.trustServerCertificate()).isTrue();
        assertThat(trusting.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void badValuesNameLineAndKey() throws Exception {
        assertThat(conf.problems("[backend]\nhost = db\nencrypt = yes\n")).singleElement().asString()
                .startsWith(conf.at(3) + "[backend] encrypt = 'yes' is not valid; expected off, login, on or strict");
        assertThat(conf.problems("[backend]\nhost = db\nencrypt = on\ncafile = missing.pem\n"))
                .singleElement().asString().startsWith(conf.at(4) + "[backend] cafile = 'missing.pem' is not valid");
        assertThat(conf.problems("[backend]\nhost = db\nencrypt = on\ntlsprotocols = 1.3\n"))
                .singleElement().asString().startsWith(conf.at(4) + "[backend] tlsprotocols does not fit encrypt = on");
        assertThat(conf.problems("[backend]\nhost = db\nencrypt = strict\ntlsprotocols = 1.0\n"))
                .singleElement().asString().startsWith(conf.at(4) + "[backend] tlsprotocols does not fit encrypt = strict");
        assertThat(conf.problems("[backend]\nhost = db\ncafile = ca.pem\n"))
                .containsExactly(conf.at(3) + "[backend] cafile has no effect with encrypt = off; "
                        + "expected encrypt = login, on or strict as well");
        assertThat(conf.problems("[backend]\nhost = db\nencrypt = on\ntrustservercertificate = 1\ncafile = ca.pem\n"))
                .singleElement().asString().startsWith(conf.at(4) + "[backend] trustservercertificate = 1 turns off");
        assertThat(conf.problems("[network]\nforcestrict = 2\n[backend]\nhost = db\n"))
                .containsExactly(conf.at(2) + "[network] forcestrict = '2' is not valid; expected 0 or 1 (not 0 or 1)");
        assertThat(conf.problems("[network]\nforcestrict = 1\n[backend]\nhost = db\n"))
                .containsExactly(conf.at(2) + "[network] forcestrict = 1 needs a certificate; "
                        + "expected tlscert and tlskey in [network] as well");
    }

    @Test
    void recordsValidateProgrammaticUse() {
        assertThatThrownBy(() -> new NetworkConfig("0.0.0.0", 1433, false, java.util.Optional.empty(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendTlsConfig(BackendEncrypt.ON, false, null, " ", List.of("TLSv1.2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendTlsConfig(BackendEncrypt.ON, false, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BackendConfig("db", 1433).tls()).isEqualTo(BackendTlsConfig.OFF);
    }
}
