package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tdsproxy.testsupport.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLHandshakeException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explanations for failed handshakes: from the wire (alert records, the ClientHello's versions,
 * the proxy's flight) and from the exception texts of both TLS providers.
 */
class HandshakeDiagnosisTest {
    private static final List<String> TLS12 = List.of("TLSv1.2");

    /** FreeTDS' documented TLS 1.0 ClientHello, PRELOGIN header stripped. */
    private static byte[] tls10Hello() {
        byte[] packet = Vectors.bytes("freetds_doc_tls_clienthello_in_prelogin_pkt");
        return Arrays.copyOfRange(packet, 8, packet.length);
    }

    private static ByteBuf buf(int... bytes) {
        ByteBuf b = Unpooled.buffer(bytes.length);
        for (int v : bytes) {
            b.writeByte(v);
        }
        return b;
    }

    private static void feedClient(HandshakeTranscript t, ByteBuf b) {
        try {
            t.clientBytes(b);
        } finally {
            b.release();
        }
    }

    private static void feedProxy(HandshakeTranscript t, ByteBuf b) {
        try {
            t.proxyBytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void alertRecordSplitAcrossReadsIsSeen() {
        HandshakeTranscript t = new HandshakeTranscript();
        feedClient(t, Unpooled.wrappedBuffer(tls10Hello()));
        feedProxy(t, buf(0x16, 0x03, 0x01, 0x00, 0x02, 0x02, 0x00)); // a (shortened) handshake record
        feedClient(t, buf(0x15, 0x03));
        feedClient(t, buf(0x01, 0x00, 0x02, 0x02));
        feedClient(t, buf(0x30)); // unknown_ca
        assertThat(t.clientAlert()).contains("unknown_ca");
        assertThat(t.certificateSent()).isTrue();
        assertThat(t.offered().orElseThrow().describe()).isEqualTo("up to TLSv1");
        HandshakeDiagnosis d = HandshakeDiagnosis.of(null, t, TLS12);
        assertThat(d.line()).startsWith("client sent TLS alert unknown_ca: the client does not trust the certificate");
    }

    @Test
    void aHelloDeliveredByteByByteIsStillRead() throws Exception {
        javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine();
        engine.setUseClientMode(true);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        out.flip();
        HandshakeTranscript t = new HandshakeTranscript();
        while (out.hasRemaining()) {
            feedClient(t, buf(out.get() & 0xff));
        }
        assertThat(t.offered().orElseThrow().offeredNames()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(t.clientAlert()).isEmpty();
    }

    @Test
    void alertsAfterChangeCipherSpecAreEncryptedAndIgnored() {
        HandshakeTranscript t = new HandshakeTranscript();
        feedClient(t, Unpooled.wrappedBuffer(tls10Hello()));
        feedClient(t, buf(0x14, 0x03, 0x01, 0x00, 0x01, 0x01, 0x15, 0x03, 0x01, 0x00, 0x02, 0x55, 0x66));
        assertThat(t.clientAlert()).isEmpty();
    }

    @Test
    void clientClosingAfterTheCertificateIsALikelyNameMismatchOrUntrusted() {
        HandshakeTranscript t = new HandshakeTranscript();
        feedClient(t, Unpooled.wrappedBuffer(tls10Hello()));
        feedProxy(t, buf(0x16, 0x03, 0x01, 0x00, 0x01, 0x02));
        t.clientClosed();
        HandshakeDiagnosis d = HandshakeDiagnosis.of(
                new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress"), t, List.of("TLSv1"));
        assertThat(d.cause()).contains("right after the proxy's certificate, without a TLS alert");
        assertThat(d.explanation()).isEqualTo(HandshakeDiagnosis.CLOSED_AFTER_CERTIFICATE);
    }

    @Test
    void clientClosingBeforeTheCertificateWithADisjointOfferIsAVersionMismatch() {
        HandshakeTranscript t = new HandshakeTranscript();
        feedClient(t, Unpooled.wrappedBuffer(tls10Hello()));
        t.clientClosed();
        assertThat(HandshakeDiagnosis.of(null, t, TLS12).explanation())
                .startsWith("client and proxy share no TLS version: proxy allows TLSv1.2, client offered up to TLSv1");
    }

    /** Exception texts as the providers write them; the transcript has seen nothing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Received fatal alert: certificate_unknown|client sent TLS alert certificate_unknown|does not trust",
        "Received fatal alert: unknown_ca|client sent TLS alert unknown_ca|does not trust",
        "Received fatal alert: bad_certificate|client sent TLS alert bad_certificate|does not trust",
        "error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN|client sent TLS alert certificate_unknown|does not trust",
        "error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA|client sent TLS alert unknown_ca|does not trust",
        "error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE|client sent TLS alert bad_certificate|does not trust",
        "Received fatal alert: protocol_version|client sent TLS alert protocol_version|share no TLS version",
        "error:1000042e:SSL routines:OPENSSL_internal:TLSV1_ALERT_PROTOCOL_VERSION|client sent TLS alert protocol_version|share no TLS version",
        "Client requested protocol TLSv1 is not enabled or supported in server context|proxy refused the client's TLS version|share no TLS version",
        "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL|proxy refused the client's TLS version|share no TLS version",
        "no cipher suites in common|no shared cipher suite|share no cipher suite",
        "error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER|no shared cipher suite|share no cipher suite",
    })
    void providerTextsAreMapped(String text, String cause, String explanation) {
        HandshakeDiagnosis d = HandshakeDiagnosis.of(new SSLHandshakeException(text), new HandshakeTranscript(), TLS12);
        assertThat(d.cause()).startsWith(cause);
        assertThat(d.explanation()).contains(explanation);
    }

    @Test
    void anUnexplainedFailureKeepsItsText() {
        HandshakeDiagnosis d = HandshakeDiagnosis.of(new SSLHandshakeException("something odd"),
                new HandshakeTranscript(), TLS12);
        assertThat(d.line()).isEqualTo("TLS handshake failed (something odd)");
    }

    @Test
    void versionOverlapFollowsTheOfferedForm() {
        HandshakeTranscript t = new HandshakeTranscript();
        feedClient(t, Unpooled.wrappedBuffer(tls10Hello()));
        assertThat(HandshakeDiagnosis.shareVersion(t.offered().orElseThrow(), List.of("TLSv1", "TLSv1.2"))).isTrue();
        assertThat(HandshakeDiagnosis.shareVersion(t.offered().orElseThrow(), List.of("TLSv1.1", "TLSv1.2"))).isFalse();
    }
}
