package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.netty.TdsPacketFrameDecoder;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.KeyMaterialLoader;
import io.tdsproxy.tls.ServerTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-byte decision of the client leg on EmbeddedChannels: 0x16 installs the TDS 8.0 TLS
 * handler and a real strict handshake runs through it (ALPN tds/8.0 selected, SNI recorded, then a
 * TDS packet decoded inside TLS); 0x12 and 0x10 pass untouched; anything else is dropped and reported.
 */
class FirstByteSnifferTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static SslContext strictServer;

    @BeforeAll
    static void contexts() throws Exception {
        pki = new TestPki(dir);
        strictServer = ServerTlsContexts.strict(KeyMaterialLoader.load(pki.certificate, pki.key, null),
                List.of("TLSv1.2", "TLSv1.3"), null, TlsProvider.OPENSSL);
    }

    /** Records the calls; for 0x16 installs the strict pipeline as ClientSession does. */
    static final class RecordingTarget implements FirstByteSniffer.Target {
        final EmbeddedChannel[] channel = new EmbeddedChannel[1];
        final List<String> calls = new ArrayList<>();
        boolean acceptStrict = true;

        @Override
        public boolean strictRequested() {
            calls.add("strict");
            if (acceptStrict) {
                StrictClientTls.install(channel[0].pipeline(), strictServer);
            }
            return acceptStrict;
        }

        @Override
        public void unknownProtocol(int firstByte) {
            calls.add(String.format("unknown 0x%02x", firstByte));
        }
    }

    private static EmbeddedChannel server(RecordingTarget target) {
        EmbeddedChannel ch = new EmbeddedChannel();
        target.channel[0] = ch;
        ch.pipeline().addLast(HandlerNames.SNIFF, new FirstByteSniffer(target));
        ch.pipeline().addLast(HandlerNames.FRAMES, new TdsPacketFrameDecoder());
        return ch;
    }

    @Test
    void tdsFirstBytesPassUntouched() {
        for (int first : new int[] {0x12, 0x10}) {
            RecordingTarget target = new RecordingTarget();
            EmbeddedChannel ch = server(target);
            ByteBuf packet = Unpooled.wrappedBuffer(new byte[] {(byte) first, 0x01, 0x00, 0x09, 0, 0, 0, 0, 0x42});
            assertThat(ch.writeInbound(packet)).isTrue();
            ByteBuf decoded = ch.readInbound();
            assertThat(decoded.getByte(8)).isEqualTo((byte) 0x42);
            decoded.release();
            assertThat(target.calls).isEmpty();
            assertThat(ch.pipeline().get(HandlerNames.SNIFF)).isNull();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void otherFirstBytesAreDroppedAndReported() {
        RecordingTarget target = new RecordingTarget();
        EmbeddedChannel ch = server(target);
        ByteBuf http = Unpooled.copiedBuffer("GET /", java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ch.writeInbound(http)).isFalse();
        assertThat(http.refCnt()).isZero();
        assertThat(target.calls).containsExactly("unknown 0x47");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void refusedStrictReleasesTheHello() {
        RecordingTarget target = new RecordingTarget();
        target.acceptStrict = false;
        EmbeddedChannel ch = server(target);
        ByteBuf hello = Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0, 0, 1, 0});
        assertThat(ch.writeInbound(hello)).isFalse();
        assertThat(hello.refCnt()).isZero();
        assertThat(target.calls).containsExactly("strict");
        assertThat(ch.pipeline().get(HandlerNames.TLS)).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void clientHelloStartsTds8WithAlpnSniAndPacketsInsideTls() throws Exception {
        RecordingTarget target = new RecordingTarget();
        EmbeddedChannel server = server(target);
        // The certificate is for localhost; the SNI name (the dialled host) is a dotted one, as clients send.
        SslContext clientContext = ClientTlsContexts.strict(new TrustSettings(false, pki.caPem, "localhost"),
                List.of("TLSv1.3"), TlsProvider.OPENSSL);
        EmbeddedChannel client = new EmbeddedChannel();
        SslHandler clientSsl = clientContext.newHandler(client.alloc(), "localhost.unit.test", 1433);
        client.pipeline().addLast(HandlerNames.TLS, clientSsl);
        try {
            shuttle(client, server);
            assertThat(target.calls).containsExactly("strict");
            SslHandler serverSsl = (SslHandler) server.pipeline().get(HandlerNames.TLS);
            assertThat(serverSsl.handshakeFuture().isSuccess()).isTrue();
            assertThat(serverSsl.applicationProtocol()).isEqualTo("tds/8.0");
            assertThat(StrictClientTls.alpn(serverSsl)).isEqualTo("tds/8.0");
            assertThat(ServerNameIndication.of(serverSsl.engine().getSession())).contains("localhost.unit.test");
            assertThat(serverSsl.engine().getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(server.pipeline().names()).containsSubsequence(HandlerNames.FLUSH, HandlerNames.TLS,
                    HandlerNames.FRAMES);

            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x12, 0x01, 0x00, 0x09, 0, 0, 0, 0, 0x07}));
            shuttle(client, server);
            ByteBuf prelogin = server.readInbound();
            assertThat(prelogin.getByte(0)).isEqualTo((byte) 0x12);
            assertThat(prelogin.getByte(8)).isEqualTo((byte) 0x07);
            prelogin.release();
        } finally {
            client.finishAndReleaseAll();
            server.finishAndReleaseAll();
        }
    }

    /** Moves bytes both ways until neither side has anything left to send. */
    private static void shuttle(EmbeddedChannel client, EmbeddedChannel server) {
        for (int round = 0; round < 50; round++) {
            boolean moved = move(client, server) | move(server, client);
            server.runPendingTasks();
            client.runPendingTasks();
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("TLS did not settle in 50 rounds");
    }

    private static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (Object o = from.readOutbound(); o != null; o = from.readOutbound()) {
            to.writeInbound(o);
            moved = true;
        }
        to.checkException();
        return moved;
    }
}
