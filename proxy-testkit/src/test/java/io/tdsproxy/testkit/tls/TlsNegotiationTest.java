package io.tdsproxy.testkit.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tdsproxy.netty.HandlerNames;
import io.tdsproxy.netty.Tds7Tls;
import io.tdsproxy.netty.TlsShuttle;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.token.EnvChange;
import io.tdsproxy.tds.token.LoginAck;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.tds.token.Token;
import io.tdsproxy.tds.token.TokenFormat;
import io.tdsproxy.tds.token.TokenReader;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TdsAlpn;
import io.tdsproxy.tls.TestPki;
import io.tdsproxy.tls.TlsProtocols;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import io.tdsproxy.testkit.BackendEncryption;
import io.tdsproxy.testkit.ConnectionSecurity;
import io.tdsproxy.testkit.ConnectionSecurity.Outcome;
import io.tdsproxy.testkit.EncryptionMode;
import io.tdsproxy.testkit.netty.EmbeddedHandlerNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server's encryption negotiation and TLS pipeline edits on an EmbeddedChannel, the
 * client played by proxy-core's client-side TLS pair: PRELOGIN replies, login-only removal of TLS
 * after the LOGIN7 with the reply in plaintext, full TLS with the packet size capped, refusals, and
 * TDS 8.0 detection by the first byte, with input delivered whole and one byte at a time.
 */
class TlsNegotiationTest {

    private static TlsShuttle.End tds7Client(TlsProvider provider) {
        return TlsShuttle.tds7Client(ClientTlsContexts.tds7(TrustSettings.trustAll(), TlsProtocols.parse("1.2"), provider),
                TestPki.HOST);
    }

    /** Everything {@code channel} wrote, copied; the buffers are released. */
    private static byte[] drain(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        try {
            for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
                all.writeBytes(b);
                b.release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            all.release();
        }
    }

    private static EncryptionValue preloginReply(byte[] wire) {
        List<byte[]> messages = TlsServerHarness.messages(wire);
        assertThat(messages).hasSize(1);
        ByteBuf payload = Unpooled.wrappedBuffer(messages.get(0));
        return PreloginMessage.decode(payload).encryption().orElseThrow();
    }

    private static List<Token> tokens(byte[] payload) {
        return TokenReader.readAll(Unpooled.wrappedBuffer(payload), TokenFormat.TDS_7_2);
    }

    private static <T> List<T> values(List<Token> tokens, Class<T> type) {
        return tokens.stream().map(Token::value).filter(type::isInstance).map(type::cast).toList();
    }

    @ParameterizedTest
    @CsvSource({"OPENSSL,false", "OPENSSL,true", "JDK,false", "JDK,true"})
    void loginOnlyDropsTlsAfterTheLogin7AndRepliesInPlaintext(TlsProvider provider, boolean byteByByte) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.OFF, false, provider);
             TlsShuttle.End client = tds7Client(provider)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.OFF), byteByByte);
            assertThat(preloginReply(h.fromServer())).isEqualTo(EncryptionValue.OFF);
            assertThat(h.server.pipeline().names()).contains(EmbeddedHandlerNames.TLS_FRAMER, EmbeddedHandlerNames.SSL,
                    EmbeddedHandlerNames.LOGIN_SWITCH);

            h.shuttle(client.channel);
            assertThat(client.ssl.handshakeFuture().isSuccess()).isTrue();

            // the client's side of login-only (mssql-jdbc): LOGIN7 packet through TLS, then TLS gone, no alert
            client.send(TlsServerHarness.login7(8000));
            byte[] loginRecords = drain(client.channel);
            Tds7Tls.removeWithoutClose(client.channel.pipeline());
            assertThat(loginRecords[0]).as("LOGIN7 travels as a TLS application_data record").isEqualTo((byte) 0x17);
            h.toServer(loginRecords, byteByByte);

            assertThat(h.server.pipeline().names()).doesNotContain(EmbeddedHandlerNames.TLS_FRAMER,
                    EmbeddedHandlerNames.SSL, EmbeddedHandlerNames.LOGIN_SWITCH);
            List<byte[]> replies = TlsServerHarness.messages(h.fromServer());
            assertThat(replies).as("login reply in plaintext TDS").hasSize(1);
            assertThat(values(tokens(replies.get(0)), LoginAck.class)).hasSize(1);

            h.toServer(TlsServerHarness.batch("SELECT 1"), byteByByte);
            assertThat(TlsServerHarness.messages(h.fromServer())).hasSize(1);

            ConnectionSecurity r = h.records.get(0);
            assertThat(r.mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
            assertThat(r.outcome()).isEqualTo(Outcome.LOGIN_RECEIVED);
            assertThat(r.tlsProtocol()).contains("TLSv1.2");
        }
    }

    /** Runs PRELOGIN (ENCRYPT_OFF) and the handshake against an OFF server; returns the client. */
    private static TlsShuttle.End loginOnlyHandshake(TlsServerHarness h) {
        h.toServer(TlsServerHarness.prelogin(EncryptionValue.OFF), false);
        assertThat(preloginReply(h.fromServer())).isEqualTo(EncryptionValue.OFF);
        TlsShuttle.End client = tds7Client(TlsProvider.OPENSSL);
        h.shuttle(client.channel);
        assertThat(client.ssl.handshakeFuture().isSuccess()).isTrue();
        return client;
    }

    /** Splits a TDS byte stream after its first packet. */
    private static byte[][] firstPacketAndRest(byte[] wire) {
        int first = ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
        return new byte[][] {java.util.Arrays.copyOfRange(wire, 0, first), java.util.Arrays.copyOfRange(wire, first, wire.length)};
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void loginOnlyWithPacketOneInTlsAndTheRestInPlaintext(boolean byteByByte) throws Exception {
        // mssql-jdbc, FreeTDS and go-mssqldb: only the first LOGIN7 packet is encrypted (protocol.md 3.4)
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.OFF, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = loginOnlyHandshake(h)) {
            byte[][] parts = firstPacketAndRest(TlsServerHarness.login7(8000, 64));
            assertThat(parts[1]).as("a LOGIN7 of several packets").isNotEmpty();
            client.send(parts[0]);
            byte[] wire = drain(client.channel);
            Tds7Tls.removeWithoutClose(client.channel.pipeline());
            byte[] both = java.util.Arrays.copyOf(wire, wire.length + parts[1].length);
            System.arraycopy(parts[1], 0, both, wire.length, parts[1].length);
            h.toServer(both, byteByByte);

            assertThat(h.server.pipeline().names()).doesNotContain(EmbeddedHandlerNames.SSL);
            List<byte[]> replies = TlsServerHarness.messages(h.fromServer());
            assertThat(values(tokens(replies.get(0)), LoginAck.class)).hasSize(1);
            assertThat(h.records.get(0).mode()).isEqualTo(EncryptionMode.LOGIN_ONLY);
        }
    }

    @Test
    void loginOnlyWithTheWholeLogin7InTls() throws Exception {
        // jTDS and tiberius encrypt the whole LOGIN7 message and drop TLS after it
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.OFF, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = loginOnlyHandshake(h)) {
            client.send(TlsServerHarness.login7(8000, 64));
            h.toServer(drain(client.channel), false);

            assertThat(h.server.pipeline().names()).doesNotContain(EmbeddedHandlerNames.SSL);
            List<byte[]> replies = TlsServerHarness.messages(h.fromServer());
            assertThat(values(tokens(replies.get(0)), LoginAck.class)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forceGivesFullTlsAndCapsThePacketSize(boolean byteByByte) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.FORCE, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = tds7Client(TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.OFF), byteByByte);
            assertThat(preloginReply(h.fromServer())).isEqualTo(EncryptionValue.REQ);
            h.shuttle(client.channel);
            assertThat(client.ssl.handshakeFuture().isSuccess()).isTrue();

            client.send(TlsServerHarness.login7(32767));
            h.toServer(drain(client.channel), byteByByte);
            assertThat(h.server.pipeline().names()).contains(EmbeddedHandlerNames.SSL)
                    .doesNotContain(EmbeddedHandlerNames.TLS_FRAMER, EmbeddedHandlerNames.LOGIN_SWITCH);
            byte[] encrypted = h.fromServer();
            assertThat(encrypted[0]).as("login reply inside TLS").isEqualTo((byte) 0x17);
            client.channel.writeInbound(Unpooled.wrappedBuffer(encrypted));
            List<Token> reply = tokens(TlsServerHarness.messages(client.sink.bytes()).get(0));
            assertThat(values(reply, EnvChange.PacketSize.class))
                    .as("mssql-jdbc refuses more than 16384 with TLS").containsExactly(new EnvChange.PacketSize(16383, 4096));
            assertThat(h.records.get(0).mode()).isEqualTo(EncryptionMode.FULL_TLS);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void notSupClientOnForcedServerGetsReqAndIsClosed(boolean byteByByte) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.FORCE, false, TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.NOT_SUP), byteByByte);
            assertThat(preloginReply(h.fromServer())).isEqualTo(EncryptionValue.REQ);
            assertThat(h.server.isOpen()).isFalse();
            assertThat(h.records).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
                assertThat(r.clientEncryption()).hasValue(0x02);
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"FORCE,encryption", "STRICT,TDS 8.0"})
    void login7WithoutPreloginIsRefusedWithAnError(BackendEncryption policy, String text) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(policy, false, TlsProvider.OPENSSL)) {
            ByteBuf login = Unpooled.wrappedBuffer(TlsServerHarness.login7(4096));
            h.server.writeInbound(login);
            assertThat(login.refCnt()).isZero();
            List<byte[]> replies = TlsServerHarness.messages(h.fromServer());
            List<ServerMessage> errors = values(tokens(replies.get(0)), ServerMessage.class);
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.severity()).isEqualTo(20);
                assertThat(e.text()).contains(text);
            });
            assertThat(h.server.isOpen()).isFalse();
            assertThat(h.records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.REFUSED));
        }
    }

    @Test
    void plaintextLogin7IsAcceptedWhenEncryptionIsOff() throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.OFF, false, TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.login7(4096), false);
            assertThat(values(tokens(TlsServerHarness.messages(h.fromServer()).get(0)), LoginAck.class)).hasSize(1);
            assertThat(h.records).singleElement().satisfies(r -> assertThat(r.mode()).isEqualTo(EncryptionMode.PLAINTEXT));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void strictIsDetectedByTheFirstByteAndPreloginAnsweredInsideTls(boolean byteByByte) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.STRICT, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = TlsShuttle.plain(ClientTlsContexts.strict(TrustSettings.trustAll(),
                     TlsProtocols.parse("1.3"), TlsProvider.OPENSSL), TestPki.HOST)) {
            assertThat(h.server.pipeline().names()).contains(EmbeddedHandlerNames.PROTOCOL_SNIFFER);
            h.toServer(drain(client.channel), byteByByte);
            assertThat(h.server.pipeline().names()).contains(EmbeddedHandlerNames.SSL)
                    .doesNotContain(EmbeddedHandlerNames.PROTOCOL_SNIFFER, EmbeddedHandlerNames.TLS_FRAMER);
            h.shuttle(client.channel);
            assertThat(client.ssl.handshakeFuture().isSuccess()).isTrue();
            assertThat(client.ssl.applicationProtocol()).isEqualTo(TdsAlpn.TDS_8_0);

            client.send(TlsServerHarness.prelogin(EncryptionValue.NOT_SUP));
            h.shuttle(client.channel);
            assertThat(preloginReply(client.sink.bytes())).isEqualTo(EncryptionValue.NOT_SUP);
            assertThat(h.server.pipeline().names()).doesNotContain(EmbeddedHandlerNames.TLS_FRAMER);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tds7ClientOnAServerAcceptingStrictPassesTheSniffer(boolean byteByByte) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.OFF, true, TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.NOT_SUP), byteByByte);
            assertThat(h.server.pipeline().names()).doesNotContain(EmbeddedHandlerNames.PROTOCOL_SNIFFER);
            assertThat(preloginReply(h.fromServer())).isEqualTo(EncryptionValue.NOT_SUP);
            assertThat(h.server.isOpen()).isTrue();
        }
    }

    @Test
    void aClosedConnectionBeforeTheHandshakeEndsIsATlsFailure() throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.FORCE, false, TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.ON), false);
            h.fromServer();
            h.server.close();
            assertThat(h.records).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.TLS_FAILED);
                assertThat(r.mode()).isEqualTo(EncryptionMode.FULL_TLS);
            });
        }
    }

    @Test
    void plaintextWhereTlsRecordsAreExpectedClosesTheConnection() throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.FORCE, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = tds7Client(TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.ON), false);
            h.fromServer();
            h.shuttle(client.channel);
            ByteBuf plain = Unpooled.wrappedBuffer(TlsServerHarness.login7(4096));
            h.server.writeInbound(plain);
            assertThat(plain.refCnt()).isZero();
            assertThat(h.server.isOpen()).isFalse();
            assertThat(h.records).singleElement().satisfies(r -> assertThat(r.outcome()).isNotEqualTo(Outcome.LOGIN_RECEIVED));
        }
    }

    @Test
    void handlerNamesAreProxyCoresWhereTds7TlsLooksThemUp() {
        assertThat(EmbeddedHandlerNames.TLS_FRAMER).isEqualTo(HandlerNames.TLS_FRAMER);
        assertThat(EmbeddedHandlerNames.SSL).isEqualTo(HandlerNames.TLS);
        assertThat(new EmbeddedChannel().pipeline().names()).doesNotContain(EmbeddedHandlerNames.SSL);
    }

    @Test
    void garbageInsideThePreloginWrappingClosesOnlyThatConnection() throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.FORCE, false, TlsProvider.OPENSSL)) {
            h.toServer(TlsServerHarness.prelogin(EncryptionValue.ON), false);
            h.fromServer();
            ByteBuf garbage = Unpooled.wrappedBuffer(TlsServerHarness.message(io.tdsproxy.tds.packet.PacketType.PRELOGIN,
                    Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
            h.server.writeInbound(garbage);
            assertThat(garbage.refCnt()).isZero();
            assertThat(h.server.isOpen()).isFalse();
            assertThat(h.records).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.TLS_FAILED));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedClientHelloThenCloseIsATlsFailure(boolean strict) throws Exception {
        try (TlsServerHarness h = new TlsServerHarness(BackendEncryption.STRICT, false, TlsProvider.OPENSSL);
             TlsShuttle.End client = strict
                     ? TlsShuttle.plain(ClientTlsContexts.strict(TrustSettings.trustAll(), TlsProtocols.parse("1.3"),
                     TlsProvider.OPENSSL), TestPki.HOST)
                     : tds7Client(TlsProvider.OPENSSL)) {
            if (!strict) {
                h.toServer(TlsServerHarness.prelogin(EncryptionValue.ON), false);
                h.fromServer();
            }
            byte[] hello = drain(client.channel);
            h.toServer(java.util.Arrays.copyOf(hello, hello.length / 2), true);
            assertThat(h.server.isOpen()).isTrue();
            h.server.close();
            assertThat(h.records).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Outcome.TLS_FAILED);
                assertThat(r.mode()).isEqualTo(strict ? EncryptionMode.STRICT : EncryptionMode.FULL_TLS);
            });
        }
    }
}
