package io.tdsproxy.tls;

import io.netty.handler.ssl.SslContext;
import io.tdsproxy.netty.TdsBytes;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.netty.TlsShuttle.Transcript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which TLS versions the TDS 7.x server contexts accept, over the PRELOGIN-wrapped handshake. Clients
 * offering TLS 1.0/1.1 are BoringSSL clients here: a JDK client needs jdk.tls.disabledAlgorithms
 * relaxed before JSSE starts, which {@link JdkLegacyTlsForkTest} does in a child JVM.
 */
class TlsVersionNegotiationTest {

    static Transcript tds7(SslContext server, SslContext client, End[] ends) {
        ends[0] = TlsShuttle.tds7Server(server);
        ends[1] = TlsShuttle.tds7Client(client, TestPki.HOST);
        return TlsShuttle.handshake(ends[1], ends[0], Delivery.AS_WRITTEN);
    }

    static SslContext serverCtx(String listed, TlsProvider provider, KeyType key) {
        return ServerTlsContexts.tds7(TestPki.server(key).keyMaterial(), TlsProtocols.parse(listed), null, provider);
    }

    static SslContext offering(String offered, TlsProvider provider) {
        return ClientTlsContexts.raw(TrustSettings.trustAll(), TlsProtocols.parse(offered), null, provider, false);
    }

    static void closeAll(End[] ends) {
        for (End e : ends) {
            if (e != null) {
                e.close();
            }
        }
    }

    @ParameterizedTest(name = "server lists {0}, {2}; client offers {1}")
    @CsvSource({
            "'1.0,1.1,1.2', 1.0, RSA_2048",
            "'1.0,1.1,1.2', 1.1, RSA_2048",
            "'1.0,1.1,1.2', 1.2, RSA_2048",
            "'1.0,1.1,1.2', 1.0, EC_P256",
            "'1.0,1.1,1.2', 1.1, EC_P256",
            "1.0, 1.0, EC_P256",
            "1.1, 1.1, RSA_2048"})
    void listedVersionIsNegotiatedAndCarriesData(String listed, String offered, KeyType key) {
        End[] ends = new End[2];
        try {
            Transcript t = tds7(serverCtx(listed, TlsProvider.OPENSSL, key), offering(offered, TlsProvider.OPENSSL), ends);
            assertThat(t.serverFailure()).isNull();
            assertThat(t.clientFailure()).isNull();
            String expected = TlsProtocols.jsseName(offered);
            assertThat(ends[0].ssl.engine().getSession().getProtocol()).isEqualTo(expected);
            assertThat(ends[1].ssl.engine().getSession().getProtocol()).isEqualTo(expected);
            if (!expected.equals(TlsProtocols.TLS_1_2)) {
                assertThat(ends[0].ssl.engine().getSession().getCipherSuite()).as("legacy versions need CBC-SHA")
                        .endsWith("_CBC_SHA");
            }
            byte[] login = TdsBytes.login7Packet(0x01, 500);
            ends[1].send(login);
            byte[] wire = TlsShuttle.pump(ends[1], ends[0]);
            assertThat(wire[0]).isEqualTo((byte) 0x17);
            assertThat(ends[0].sink.bytes()).isEqualTo(login);
        } finally {
            closeAll(ends);
        }
    }

    @ParameterizedTest(name = "{2} server lists {0}; client offers {1}")
    @CsvSource({
            "1.2, 1.0, OPENSSL",
            "1.2, 1.1, OPENSSL",
            "'1.1,1.2', 1.0, OPENSSL",
            "1.0, 1.2, OPENSSL",
            "1.2, 1.0, JDK",
            "1.2, 1.1, JDK"})
    void unlistedVersionIsRefused(String listed, String offered, TlsProvider serverProvider) {
        End[] ends = new End[2];
        try {
            Transcript t = tds7(serverCtx(listed, serverProvider, KeyType.RSA_2048), offering(offered, TlsProvider.OPENSSL), ends);
            assertThat(t.serverFailure()).as("server refuses").isNotNull();
            assertThat(t.clientFailure()).as("client fails").isNotNull();
            assertThat(ends[0].sink.events).isNotEmpty();
            // The refusal (an alert) still went out wrapped in PRELOGIN packets.
            for (TlsShuttle.Flight f : t.serverFlights()) {
                for (byte[] w : f.writes()) {
                    assertThat(w[0]).isEqualTo((byte) 0x12);
                }
            }
        } finally {
            closeAll(ends);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tds7NeverNegotiatesTls13EvenWhenListedAndOffered(TlsProvider provider) {
        for (TlsProvider clientProvider : TlsProvider.values()) {
            End[] ends = new End[2];
            try {
                Transcript t = tds7(serverCtx("1.2,1.3", provider, KeyType.EC_P256), offering("1.2,1.3", clientProvider), ends);
                assertThat(t.succeeded()).isTrue();
                assertThat(ends[0].ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
                assertThat(ends[0].ssl.engine().getEnabledProtocols()).doesNotContain("TLSv1.3");
            } finally {
                closeAll(ends);
            }
            ends = new End[2];
            try {
                Transcript t = tds7(serverCtx("1.2,1.3", provider, KeyType.EC_P256), offering("1.3", clientProvider), ends);
                assertThat(t.serverFailure()).as("a TLS 1.3-only client is refused").isNotNull();
            } finally {
                closeAll(ends);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tds7RejectsAListWithOnlyTls13(TlsProvider provider) {
        List<String> only13 = TlsProtocols.parse("1.3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                ServerTlsContexts.tds7(TestPki.server(KeyType.EC_P256).keyMaterial(), only13, null, provider))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TDS 7.x");
    }
}
