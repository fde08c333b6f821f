package io.tdsproxy.tls;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import io.tdsproxy.testsupport.Vectors;
import io.tdsproxy.tls.ClientHelloParser.Result;
import io.tdsproxy.tls.ClientHelloParser.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ClientHello version reader on a captured TDS 7.x ClientHello and on hellos real TLS stacks write. */
class ClientHelloParserTest {

    /** FreeTDS' documented capture: a TLS 1.0 hello without extensions, inside one PRELOGIN packet. */
    private static byte[] freetdsHello() {
        byte[] packet = Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt");
        return Arrays.copyOfRange(packet, 8, packet.length);
    }

    /** The first flight of a client engine: its ClientHello as it goes on the wire. */
    private static byte[] helloOf(SSLEngine engine) throws Exception {
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static ClientHelloVersions complete(byte[] bytes) {
        Result result = ClientHelloParser.parse(bytes, bytes.length);
        assertThat(result.status()).isEqualTo(Status.COMPLETE);
        return result.hello().orElseThrow();
    }

    @Test
    void freetdsCaptureOffersUpToTls10() {
        ClientHelloVersions hello = complete(freetdsHello());
        assertThat(hello.legacyVersion()).isEqualTo(0x0301);
        assertThat(hello.supportedVersions()).isEmpty();
        assertThat(hello.cipherSuiteCount()).isEqualTo(7);
        assertThat(hello.describe()).isEqualTo("up to TLSv1");
    }

    @Test
    void jdkHelloListsTls13AndTls12InSupportedVersions() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("db.example.com", 1433);
        ClientHelloVersions hello = complete(helloOf(engine));
        assertThat(hello.legacyVersion()).isEqualTo(0x0303);
        assertThat(hello.offeredNames()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(hello.describe()).isEqualTo("TLSv1.3, TLSv1.2");
    }

    @Test
    void jdkTls12OnlyHelloHasNoTls13() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        ClientHelloVersions hello = complete(helloOf(engine));
        assertThat(hello.offeredNames()).doesNotContain("TLSv1.3").contains("TLSv1.2");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void nettyProvidersHelloWithOnlyTls12(TlsProvider provider) throws Exception {
        assertThat(offeredBy(provider, "TLSv1.2").offeredNames()).containsExactly("TLSv1.2");
    }

    @Test
    void boringSslHelloWithOnlyTls10() throws Exception {
        ClientHelloVersions hello = offeredBy(TlsProvider.OPENSSL, "TLSv1");
        assertThat(hello.legacyVersion()).isEqualTo(0x0301);
        assertThat(hello.describe()).isEqualTo("up to TLSv1");
    }

    private static ClientHelloVersions offeredBy(TlsProvider provider, String protocol) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(provider.nettyProvider())
                .protocols(protocol).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        SSLEngine engine = context.newEngine(UnpooledByteBufAllocator.DEFAULT, "db.example.com", 1433);
        try {
            return complete(helloOf(engine));
        } finally {
            ReferenceCountUtil.release(engine);
        }
    }

    @Test
    void everyTruncationIsIncompleteNeverAnError() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        for (byte[] hello : List.of(freetdsHello(), helloOf(engine))) {
            for (int n = 0; n < hello.length; n++) {
                assertThat(ClientHelloParser.parse(hello, n).status()).as("first %d bytes", n).isEqualTo(Status.INCOMPLETE);
            }
        }
    }

    @Test
    void aHelloSplitOverTwoRecordsIsJoined() {
        byte[] hello = freetdsHello();
        byte[] body = Arrays.copyOfRange(hello, 5, hello.length);
        int half = body.length / 2;
        byte[] split = new byte[body.length + 10];
        writeRecord(split, 0, body, 0, half);
        writeRecord(split, 5 + half, body, half, body.length - half);
        assertThat(complete(split)).isEqualTo(complete(hello));
    }

    @Test
    void otherBytesAreNotAClientHello() {
        byte[] tds = Vectors.bytes("mstds_4.1_prelogin_request");
        assertThat(ClientHelloParser.parse(tds, tds.length).status()).isEqualTo(Status.NOT_A_CLIENT_HELLO);
        byte[] hello = freetdsHello();
        hello[5] = 2; // a ServerHello
        assertThat(ClientHelloParser.parse(hello, hello.length).status()).isEqualTo(Status.NOT_A_CLIENT_HELLO);
        byte[] badSessionId = freetdsHello();
        badSessionId[5 + 4 + 34] = (byte) 0xf0; // session_id longer than the message
        assertThat(ClientHelloParser.parse(badSessionId, badSessionId.length).status())
                .isEqualTo(Status.NOT_A_CLIENT_HELLO);
    }

    @Test
    void everySingleByteCorruptionIsHandledWithoutException() throws Exception {
        byte[] hello = helloOf(SSLContext.getDefault().createSSLEngine());
        for (int i = 0; i < hello.length; i++) {
            for (int value : new int[] {0x00, 0xff}) {
                byte[] mutated = hello.clone();
                mutated[i] = (byte) value;
                assertThat(ClientHelloParser.parse(mutated, mutated.length).status()).isNotNull();
            }
        }
    }

    @Test
    void greaseValuesAreRecognised() {
        assertThat(ClientHelloVersions.isGrease(0x0a0a)).isTrue();
        assertThat(ClientHelloVersions.isGrease(0xfafa)).isTrue();
        assertThat(ClientHelloVersions.isGrease(0x0303)).isFalse();
        assertThat(ClientHelloVersions.isGrease(0x0a1a)).isFalse();
    }

    private static void writeRecord(byte[] out, int at, byte[] body, int from, int length) {
        out[at] = 22;
        out[at + 1] = 3;
        out[at + 2] = 1;
        out[at + 3] = (byte) (length >> 8);
        out[at + 4] = (byte) length;
        System.arraycopy(body, from, out, at + 5, length);
    }
}
