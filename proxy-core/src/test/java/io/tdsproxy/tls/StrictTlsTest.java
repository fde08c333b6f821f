package io.tdsproxy.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.netty.TlsShuttle.Delivery;
import io.tdsproxy.netty.TlsShuttle.End;
import io.tdsproxy.netty.TlsShuttle.Transcript;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TDS 8.0 (strict) contexts: TLS first on the connection, TLS 1.3 allowed, ALPN tds/8.0. */
class StrictTlsTest {

    static Stream<Arguments> providers() {
        List<Arguments> args = new ArrayList<>();
        for (TlsProvider s : TlsProvider.values()) {
            for (TlsProvider c : TlsProvider.values()) {
                args.add(Arguments.of(s, c));
            }
        }
        return args.stream();
    }

    static SslContext server(String listed, TlsProvider provider) {
        return ServerTlsContexts.strict(TestPki.server(KeyType.EC_P256).keyMaterial(), TlsProtocols.parse(listed),
                null, provider);
    }

    static Transcript run(SslContext server, SslContext client, End[] ends) {
        ends[0] = TlsShuttle.plain(server, null);
        ends[1] = TlsShuttle.plain(client, TestPki.HOST);
        return TlsShuttle.handshake(ends[1], ends[0], Delivery.AS_WRITTEN);
    }

    static void closeAll(End[] ends) {
        for (End e : ends) {
            if (e != null) {
                e.close();
            }
        }
    }

    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("providers")
    void negotiatesTls13AndSelectsTds80(TlsProvider serverProvider, TlsProvider clientProvider) throws Exception {
        End[] ends = new End[2];
        try {
            SslContext client = ClientTlsContexts.strict(
                    new TrustSettings(false, TestPki.writeCa(java.nio.file.Files.createTempDirectory("ca")), null),
                    TlsProtocols.parse("1.2,1.3"), clientProvider);
            Transcript t = run(server("1.2,1.3", serverProvider), client, ends);
            assertThat(t.succeeded()).isTrue();
            assertThat(ends[0].ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(ends[0].ssl.applicationProtocol()).isEqualTo(TdsAlpn.TDS_8_0);
            assertThat(ends[1].ssl.applicationProtocol()).isEqualTo(TdsAlpn.TDS_8_0);
            assertThat(TdsAlpn.selectedIsAcceptable(ends[1].ssl)).isTrue();
        } finally {
            closeAll(ends);
        }
    }

    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("providers")
    void clientOfferingNoAlpnIsAccepted(TlsProvider serverProvider, TlsProvider clientProvider) {
        End[] ends = new End[2];
        try {
            SslContext client = ClientTlsContexts.raw(TrustSettings.trustAll(), TlsProtocols.parse("1.2,1.3"), null,
                    clientProvider, false);
            Transcript t = run(server("1.2,1.3", serverProvider), client, ends);
            assertThat(t.succeeded()).isTrue();
            assertThat(ends[0].ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(ends[0].ssl.applicationProtocol()).isNull();
            assertThat(ends[1].ssl.applicationProtocol()).isNull();
        } finally {
            closeAll(ends);
        }
    }

    /** Measured: with NO_ADVERTISE both providers finish the handshake and select nothing for a non-TDS ALPN offer. */
    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("providers")
    void clientOfferingOnlyOtherProtocolsGetsNoAlpnAnswer(TlsProvider serverProvider, TlsProvider clientProvider)
            throws Exception {
        End[] ends = new End[2];
        try {
            SslContext client = SslContextBuilder.forClient().sslProvider(clientProvider.nettyProvider())
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                            SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, "h2"))
                    .build();
            Transcript t = run(server("1.2,1.3", serverProvider), client, ends);
            assertThat(t.succeeded()).isTrue();
            assertThat(ends[0].ssl.applicationProtocol()).isNull();
            assertThat(ends[1].ssl.applicationProtocol()).isNull();
        } finally {
            closeAll(ends);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void strictListedAsOnly12Negotiates12WithAlpn(TlsProvider provider) {
        End[] ends = new End[2];
        try {
            SslContext client = ClientTlsContexts.strict(TrustSettings.trustAll(), TlsProtocols.parse("1.2,1.3"), provider);
            Transcript t = run(server("1.2", provider), client, ends);
            assertThat(t.succeeded()).isTrue();
            assertThat(ends[0].ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(ends[1].ssl.applicationProtocol()).isEqualTo(TdsAlpn.TDS_8_0);
        } finally {
            closeAll(ends);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void strictWithoutTls12Or13IsRejected(TlsProvider provider) {
        assertThatThrownBy(() -> server("1.0,1.1", provider))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strict");
    }
}
