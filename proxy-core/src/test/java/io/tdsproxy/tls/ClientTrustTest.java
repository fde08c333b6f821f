package io.tdsproxy.tls;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.netty.TlsShuttle.Transcript;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ClientTlsContexts trust settings: CA file, trustServerCertificate, and hostNameInCertificate checked
 * apart from the dialled address.
 */
class ClientTrustTest {
    private static final List<String> TLS12 = List.of("TLSv1.2");

    @TempDir
    Path dir;

    private static Transcript connect(TrustSettings trust, String dialHost, TlsProvider provider, End[] ends) {
        SslContext server = ServerTlsContexts.tds7(TestPki.server(KeyType.EC_P256).keyMaterial(), TLS12, null,
                TlsProvider.OPENSSL);
        ends[0] = TlsShuttle.tds7Server(server);
        ends[1] = TlsShuttle.tds7Client(ClientTlsContexts.tds7(trust, TLS12, provider), dialHost);
        return TlsShuttle.handshake(ends[1], ends[0], Delivery.AS_WRITTEN);
    }

    private static void ok(TrustSettings trust, String dialHost, TlsProvider provider) {
        End[] ends = new End[2];
        try {
            Transcript t = connect(trust, dialHost, provider, ends);
            assertThat(t.clientFailure()).as(trust + " dialling " + dialHost).isNull();
            assertThat(t.serverFailure()).isNull();
        } finally {
            close(ends);
        }
    }

    private static Throwable refused(TrustSettings trust, String dialHost, TlsProvider provider) {
        End[] ends = new End[2];
        try {
            Transcript t = connect(trust, dialHost, provider, ends);
            assertThat(t.clientFailure()).as(trust + " dialling " + dialHost).isNotNull();
            return t.clientFailure();
        } finally {
            close(ends);
        }
    }

    private static void close(End[] ends) {
        for (End e : ends) {
            if (e != null) {
                e.close();
            }
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void caFileAndDialledNameOrIp(TlsProvider provider) throws Exception {
        Path ca = TestPki.writeCa(dir);
        ok(TrustSettings.ca(ca), TestPki.HOST, provider);
        ok(TrustSettings.ca(ca), "localhost", provider);
        ok(TrustSettings.ca(ca), "127.0.0.1", provider);
        Throwable wrongName = refused(TrustSettings.ca(ca), "other.tdsproxy.test", provider);
        assertThat(messages(wrongName)).contains("does not match host name 'other.tdsproxy.test'");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void hostNameInCertificateIsCheckedInsteadOfTheDialAddress(TlsProvider provider) throws Exception {
        Path ca = TestPki.writeCa(dir);
        ok(new TrustSettings(false, ca, TestPki.HOST), "10.9.8.7", provider);
        ok(new TrustSettings(false, ca, TestPki.HOST), "backend.internal", provider);
        Throwable t = refused(new TrustSettings(false, ca, "wrong.tdsproxy.test"), TestPki.HOST, provider);
        assertThat(messages(t)).contains("wrong.tdsproxy.test");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void untrustedIssuerIsRefusedUnlessTrustServerCertificate(TlsProvider provider) throws Exception {
        GeneratedCertificate otherCa = CertificateGenerator.builder().subject("someone else's CA").ca(true)
                .keyType(KeyType.EC_P256).generate();
        Path other = dir.resolve("other-ca.pem");
        PemFiles.writeCertificate(other, otherCa.certificate());
        refused(TrustSettings.ca(other), TestPki.HOST, provider);
        // No CA file: the JDK's default trust store, which does not know the test CA either.
        refused(new TrustSettings(false, null, null), TestPki.HOST, provider);
        ok(TrustSettings.trustAll(), "any.name.at.all", provider);
    }
}
