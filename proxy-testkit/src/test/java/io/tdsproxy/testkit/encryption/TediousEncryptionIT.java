package io.tdsproxy.testkit.encryption;

import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.clients.ExternalProcess;
import io.tdsproxy.testkit.tls.TestTrust;
import io.tdsproxy.tls.TdsAlpn;
import io.tdsproxy.tls.TestPki;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.PASSWORD;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.USER;
import static io.tdsproxy.testkit.encryption.JdbcEncryptionIT.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tedious (Node.js, OpenSSL) against the embedded server: TDS 8.0 strict with ALPN and SNI, full TDS
 * 7.x TLS, and its own refusal of a server that forces encryption while {@code encrypt: false} (tedious
 * sends ENCRYPT_NOT_SUP and gives up on the ENCRYPT_REQ reply). Needs {@code node} and
 * {@code npm ci --prefix proxy-testkit/src/test/node} ({@code .ci/run} does both): fails, never skips.
 */
class TediousEncryptionIT {
    private static final Path NODE_DIR = Path.of("src", "test", "node");

    static String run(EmbeddedTdsServer server, String encrypt, String... caAndServerName) {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("tedious"))) {
            throw new IllegalStateException("tedious is not installed: run npm ci --prefix proxy-testkit/src/test/node "
                    + "(.ci/run does)");
        }
        List<String> args = new ArrayList<>(List.of("encryption-query.js", "127.0.0.1", String.valueOf(server.port()),
                USER, PASSWORD, encrypt));
        args.addAll(List.of(caAndServerName));
        ExternalProcess.Result result = ExternalProcess.of("node", args.toArray(new String[0]))
                .directory(NODE_DIR).timeout(Duration.ofSeconds(60)).run();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout().trim();
    }

    @Test
    void strictWithAlpnAndSni() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.STRICT, false, "1.2,1.3")) {
            assertThat(run(server, "strict", TestTrust.caPem().toString(), TestPki.HOST)).isEqualTo("{\"ok\":true,\"value\":42}");
            ConnectionSecurity r = server.connections().get(0);
            assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
            assertThat(r.alpn()).contains(TdsAlpn.TDS_8_0);
            assertThat(r.sni()).contains(TestPki.HOST);
            assertThat(r.tlsProtocol()).contains("TLSv1.3");
        }
    }

    @Test
    void encryptTrueAgainstOffIsFullTls() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.OFF, false, "1.2,1.3")) {
            assertThat(run(server, "true", TestTrust.caPem().toString(), TestPki.HOST)).isEqualTo("{\"ok\":true,\"value\":42}");
            ConnectionSecurity r = server.connections().get(0);
            assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    @Test
    void encryptFalseAgainstForceIsRefusedWithTediousOwnMessage() throws Exception {
        try (EmbeddedTdsServer server = start(BackendEncryption.FORCE, false, "1.2")) {
            assertThat(run(server, "false")).contains("\"ok\":false")
                    .contains("Server requires encryption, set 'encrypt' config option to true.");
            ConnectionSecurity r = server.awaitConnections(1, Duration.ofSeconds(20)).get(0);
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.clientEncryption()).hasValue(0x02);
        }
    }
}
