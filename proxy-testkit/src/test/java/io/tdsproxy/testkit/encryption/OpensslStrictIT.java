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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openssl s_client} (an independent TLS client, not Java) against a strict embedded server:
 * the listener is plain TLS on the TDS port, shows the configured certificate, negotiates TLS 1.3 and
 * selects ALPN {@code tds/8.0}; a client offering no ALPN is accepted. The server records what it saw,
 * SNI included. Needs {@code openssl} ({@code .ci/run} installs it): {@link ExternalProcess} fails, never skips.
 */
class OpensslStrictIT {
    private static EmbeddedTdsServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedTdsServer.builder().encryption(BackendEncryption.STRICT)
                .certificate(TestTrust.serverKeyMaterial()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs s_client with stdin empty (it handshakes, prints, and disconnects); returns its output. */
    static String sClient(String... extra) {
        List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + server.port(),
                "-CAfile", TestTrust.caPem().toString(), "-verify_return_error"));
        args.addAll(List.of(extra));
        ExternalProcess.Result result = ExternalProcess.of("openssl", args.toArray(new String[0]))
                .timeout(Duration.ofSeconds(30)).run();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout();
    }

    @Test
    void sClientSeesCertificateTls13AndAlpn() throws Exception {
        int before = server.connections().size();
        String out = sClient("-alpn", TdsAlpn.TDS_8_0, "-servername", TestPki.HOST);

        assertThat(out).contains("New, TLSv1.3, Cipher is")
                .contains("ALPN protocol: " + TdsAlpn.TDS_8_0)
                .contains("Verification: OK")
                .contains("subject=CN = " + TestPki.HOST);
        ConnectionSecurity r = server.awaitConnections(before + 1, Duration.ofSeconds(20)).get(before);
        assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
        assertThat(r.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(r.tlsProtocol()).contains("TLSv1.3");
        assertThat(r.alpn()).contains(TdsAlpn.TDS_8_0);
        assertThat(r.sni()).contains(TestPki.HOST);
    }

    @Test
    void clientWithoutAlpnIsAccepted() throws Exception {
        int before = server.connections().size();
        String out = sClient("-tls1_2");

        assertThat(out).contains("New, TLSv1.2, Cipher is").contains("Verification: OK").contains("No ALPN negotiated");
        ConnectionSecurity r = server.awaitConnections(before + 1, Duration.ofSeconds(20)).get(before);
        assertThat(r.mode()).isEqualTo(EncryptionMode.STRICT);
        assertThat(r.tlsProtocol()).contains("TLSv1.2");
        assertThat(r.alpn()).isEmpty();
        assertThat(r.sni()).as("IP literal: no SNI").isEmpty();
    }
}
