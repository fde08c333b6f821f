package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tdsproxy.server.proxy.TdsTestClient.Packet;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.prelogin.EncryptionValue;
import io.tdsproxy.tds.prelogin.PreloginMessage;
import io.tdsproxy.tds.prelogin.PreloginOptionToken;
import io.tdsproxy.tds.prelogin.PreloginVersion;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.testsupport.Vectors;
import io.tdsproxy.tls.ClientTlsContexts;
import io.tdsproxy.tls.TlsProvider;
import io.tdsproxy.tls.TrustSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy over real sockets between a raw TDS client (the project's own client-side TLS framer)
 * and a scripted backend on plain sockets: every negotiation path, byte-exact forwarding, the TLS
 * record layout towards a fully encrypted client, and failures answered as TDS.
 */
class ProxySessionIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static SslContext clientTls;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        clientTls = ClientTlsContexts.tds7(TrustSettings.ca(pki.caPem), List.of("TLSv1.2"), TlsProvider.OPENSSL);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T use(T resource) {
        resources.add(resource);
        return resource;
    }

    private static ByteBuf login7() {
        return new Login7Builder().userName("sa").password("TdsProxy!2026").appName("ProxySessionIT")
                .build(UnpooledByteBufAllocator.DEFAULT);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), out);
        return out;
    }

    private static byte[] concat(List<Packet> packets) {
        int size = packets.stream().mapToInt(p -> p.bytes().length).sum();
        byte[] out = new byte[size];
        int pos = 0;
        for (Packet p : packets) {
            System.arraycopy(p.bytes(), 0, out, pos, p.bytes().length);
            pos += p.bytes().length;
        }
        return out;
    }

    private static byte[] payloadOf(List<Packet> packets) {
        ByteBuf joined = Unpooled.buffer();
        for (Packet p : packets) {
            joined.writeBytes(p.bytes(), PacketHeader.SIZE, p.bytes().length - PacketHeader.SIZE);
        }
        return bytes(joined);
    }

    /** SELECT 1 through the relay: the backend sees the batch, the client gets the vector's bytes back. */
    private static void selectOne(TdsTestClient client, FakeBackend.Capture backend) throws Exception {
        client.sendMessage(PacketType.SQL_BATCH, TdsTestClient.sqlBatch("SELECT 1"), 4096);
        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_select1_response_packet"));
        assertThat(FakeBackend.batchText(backend.messages.take())).isEqualTo("SELECT 1");
    }

    @Test
    void plaintextLegPassesEveryOptionAndByteThrough() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        PreloginMessage sent = TdsTestClient.prelogin(EncryptionValue.OFF);
        PreloginMessage reply = client.prelogin(sent);
        FakeBackend.Capture capture = backend.nextConnection();

        // The backend got the client's options with ENCRYPT = NOT_SUP (unknown option kept) ...
        assertThat(capture.prelogin).isEqualTo(sent.withEncryption(EncryptionValue.NOT_SUP));
        assertThat(capture.prelogin.find(TdsTestClient.UNKNOWN_OPTION).orElseThrow().data()).containsExactly(7, 7);
        // ... and the client the backend's reply with the client-leg decision (no certificate: NOT_SUP).
        assertThat(reply.encryption()).contains(EncryptionValue.NOT_SUP);
        assertThat(reply.version()).contains(new PreloginVersion(16, 0, 1000, 0));
        assertThat(reply.find(PreloginOptionToken.MARS)).isPresent();

        ByteBuf login = login7();
        byte[] loginBytes = bytes(login);
        client.sendMessage(PacketType.LOGIN7, login, 4096);
        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        assertThat(capture.login.payload()).containsExactly(loginBytes);
        selectOne(client, capture);

        ConnectionRecord open = proxy.events.nextEstablished();
        assertThat(open.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        assertThat(open.outcome()).isEqualTo(ConnectionOutcome.OPEN);
        assertThat(open.tlsProtocol()).isEmpty();
        client.close();
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.id()).isEqualTo(open.id());
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.RELAYED);
        assertThat(closed.bytesToClient()).isEqualTo(Vectors.bytes("constructed_login_ok_response_tds74").length
                + Vectors.bytes("constructed_select1_response_packet").length);
        assertThat(closed.bytesToBackend()).isGreaterThan(0);
    }

    @Test
    void attentionPassesThrough() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));
        client.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP));
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        client.readMessage();
        FakeBackend.Capture capture = backend.nextConnection();

        client.sendRaw(new byte[] {0x06, 0x01, 0x00, 0x08, 0x00, 0x00, 0x01, 0x00});
        List<Packet> ack = client.readMessage();
        assertThat(capture.messages.take().type()).isEqualTo(PacketType.ATTENTION.code());
        assertThat(ack.get(0).bytes()[8] & 0xFF).isEqualTo(0xFD);
        assertThat(ack.get(0).bytes()[9] & 0x20).isEqualTo(0x20);
    }

    @Test
    void loginOnlyEncryptsExactlyTheLogin() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, false));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        PreloginMessage reply = client.prelogin(TdsTestClient.prelogin(EncryptionValue.OFF));
        assertThat(reply.encryption()).contains(EncryptionValue.OFF);
        FakeBackend.Capture capture = backend.nextConnection();
        assertThat(capture.prelogin.encryption()).contains(EncryptionValue.NOT_SUP);
        SslHandler ssl = client.startTls(clientTls);
        assertThat(ssl.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");

        ByteBuf login = login7();
        byte[] loginBytes = bytes(login);
        client.sendLoginOnly(login, false);
        // The login reply and everything after it arrive in plaintext.
        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        assertThat(capture.login.payload()).containsExactly(loginBytes);
        selectOne(client, capture);

        ConnectionRecord open = proxy.events.nextEstablished();
        assertThat(open.mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
        assertThat(open.tlsProtocol()).contains("TLSv1.2");
        assertThat(open.tlsCipher()).hasValueSatisfying(c -> assertThat(c).contains("AES"));
    }

    @Test
    void loginOnlyWithAMultiPacketLoginInEitherStyle() throws Exception {
        for (boolean restInTls : new boolean[] {false, true}) {
            FakeBackend backend = use(new FakeBackend());
            ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, false));
            TdsTestClient client = use(new TdsTestClient(proxy.port()));
            client.prelogin(TdsTestClient.prelogin(EncryptionValue.OFF));
            client.startTls(clientTls);
            byte[] sspi = new byte[10_000];
            Arrays.fill(sspi, (byte) 0x5A);
            ByteBuf login = new Login7Builder().userName("sa").password("x").sspi(sspi)
                    .build(UnpooledByteBufAllocator.DEFAULT);
            byte[] loginBytes = bytes(login);

            client.sendLoginOnly(login, restInTls);
            assertThat(concat(client.readMessage()))
                    .as("restInTls=%s", restInTls)
                    .containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
            FakeBackend.Capture capture = backend.nextConnection();
            assertThat(capture.login.packetLengths()).hasSize(3);
            assertThat(capture.login.payload()).containsExactly(loginBytes);
            selectOne(client, capture);
            assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.LOGIN_ONLY);
        }
    }

    @Test
    void fullTlsCarriesOneTdsPacketPerRecordAndEveryByte() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, false));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON)).encryption()).contains(EncryptionValue.ON);
        client.startTls(clientTls);
        client.tapTlsRecords();
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        List<Packet> loginReply = client.readMessage();
        assertThat(concat(loginReply)).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        FakeBackend.Capture capture = backend.nextConnection();
        selectOne(client, capture);

        int blob = 3_000_000;
        client.sendMessage(PacketType.SQL_BATCH, TdsTestClient.sqlBatch("BLOB " + blob), 4096);
        MessageDigest digest = FakeBackend.sha256();
        List<Integer> packetLengths = new ArrayList<>();
        long payload = 0;
        for (Packet p : client.readMessage()) {
            digest.update(p.bytes());
            packetLengths.add(p.bytes().length);
            payload += p.bytes().length - PacketHeader.SIZE;
        }
        assertThat(payload).isEqualTo(blob);
        assertThat(FakeBackend.hex(digest.digest())).isEqualTo(capture.blobDigests.take());

        // Records: login reply, SELECT 1 reply, then the blob packets; each record = one packet + a fixed overhead.
        List<Integer> records = client.tlsRecordLengths();
        List<Integer> expectedPackets = new ArrayList<>();
        expectedPackets.add(loginReply.get(0).bytes().length);
        expectedPackets.add(Vectors.bytes("constructed_select1_response_packet").length);
        expectedPackets.addAll(packetLengths);
        assertThat(records).hasSameSizeAs(expectedPackets);
        int overhead = records.get(0) - expectedPackets.get(0);
        assertThat(overhead).isBetween(16, 48);
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i) - expectedPackets.get(i)).as("record %d", i).isEqualTo(overhead);
        }
        ConnectionRecord open = proxy.events.nextEstablished();
        assertThat(open.mode()).isEqualTo(ClientLegMode.FULL_TLS);
        assertThat(open.tlsProtocol()).contains("TLSv1.2");
    }

    @Test
    void forcedEncryptionRefusesAPlaintextLoginWithATdsError() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, true));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP)).encryption())
                .contains(EncryptionValue.REQ);
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        ServerMessage error = error(client.readMessage());
        assertThat(error.severity()).isEqualTo(20);
        assertThat(error.text()).startsWith("The server requires encryption");
        client.awaitClosed();

        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.ENCRYPTION_REQUIRED);
        assertThat(closed.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
        assertThat(backend.connections).as("no backend connection for a refused client").isEmpty();
    }

    @Test
    void forcedEncryptionAcceptsAClientThatStartsTlsAfterTheRefusal() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, true));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP)).encryption())
                .contains(EncryptionValue.REQ);
        client.startTls(clientTls);
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        selectOne(client, backend.nextConnection());
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void forcedEncryptionTurnsLoginOnlyIntoFullTls() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.tls(backend.port(), pki, true));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.OFF)).encryption())
                .contains(EncryptionValue.REQ);
        client.startTls(clientTls);
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        selectOne(client, backend.nextConnection());
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.FULL_TLS);
    }

    @Test
    void clientWantingTlsFromAProxyWithoutCertificateIsRefusedAtLogin() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));

        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.ON)).encryption())
                .contains(EncryptionValue.NOT_SUP);
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        assertThat(error(client.readMessage()).text()).contains("no TLS certificate");
        client.awaitClosed();
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.ENCRYPTION_REQUIRED);
    }

    @Test
    void deadBackendIsReportedAtLoginNamingTheAddress() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        for (EncryptionValue encryption : new EncryptionValue[] {EncryptionValue.NOT_SUP, EncryptionValue.OFF,
            EncryptionValue.ON}) {
            ProxyFixture proxy = use(ProxyFixture.tls(deadPort, pki, false));
            TdsTestClient client = use(new TdsTestClient(proxy.port()));
            PreloginMessage reply = client.prelogin(TdsTestClient.prelogin(encryption));
            assertThat(reply.version()).contains(PreloginExchange.PROXY_VERSION);
            if (encryption.equals(EncryptionValue.OFF)) {
                client.startTls(clientTls);
                client.sendLoginOnly(login7(), false);
            } else {
                if (encryption.equals(EncryptionValue.ON)) {
                    client.startTls(clientTls);
                }
                client.sendMessage(PacketType.LOGIN7, login7(), 4096);
            }
            ServerMessage error = error(client.readMessage());
            assertThat(error.severity()).isEqualTo(20);
            assertThat(error.text()).contains("127.0.0.1:" + deadPort).contains("Connection refused");
            client.awaitClosed();
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.BACKEND_UNAVAILABLE);
            assertThat(closed.detail()).contains("127.0.0.1:" + deadPort);
        }
    }

    @Test
    void backendDemandingEncryptionIsReportedAtLogin() throws Exception {
        FakeBackend backend = use(new FakeBackend(FakeBackend.Mode.REPLY_ENCRYPT_REQ));
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));
        assertThat(client.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP)).encryption())
                .contains(EncryptionValue.NOT_SUP);
        client.sendMessage(PacketType.LOGIN7, login7(), 4096);
        assertThat(error(client.readMessage()).text()).contains("requires an encrypted connection")
                .contains("encrypt = off");
        client.awaitClosed();
    }

    @Test
    void malformedInputClosesOnlyThatConnection() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));

        // PRELOGIN whose option points past the message end.
        TdsTestClient bad = use(new TdsTestClient(proxy.port()));
        bad.sendRaw(new byte[] {0x12, 0x01, 0x00, 0x0E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, (byte) 0xFF});
        bad.awaitClosed();
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.PROTOCOL_ERROR);
        assertThat(closed.detail()).contains("PRELOGIN");

        // A SQL batch instead of a PRELOGIN.
        TdsTestClient early = use(new TdsTestClient(proxy.port()));
        early.sendMessage(PacketType.SQL_BATCH, TdsTestClient.sqlBatch("SELECT 1"), 4096);
        early.awaitClosed();
        assertThat(proxy.events.nextClosed().detail()).contains("byte 0x01 first").contains("not a SQL Server client");

        // A TDS 8.0 ClientHello.
        TdsTestClient strict = use(new TdsTestClient(proxy.port()));
        strict.sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00});
        strict.awaitClosed();
        assertThat(proxy.events.nextClosed().outcome()).isEqualTo(ConnectionOutcome.UNSUPPORTED);

        // The proxy still serves.
        TdsTestClient good = use(new TdsTestClient(proxy.port()));
        good.prelogin(TdsTestClient.prelogin(EncryptionValue.NOT_SUP));
        good.sendMessage(PacketType.LOGIN7, login7(), 4096);
        assertThat(concat(good.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
    }

    @Test
    void clientWithoutPreloginIsServedLikeJtdsSslOff() throws Exception {
        FakeBackend backend = use(new FakeBackend());
        ProxyFixture proxy = use(ProxyFixture.plaintext(backend.port()));
        TdsTestClient client = use(new TdsTestClient(proxy.port()));
        ByteBuf login = login7();
        byte[] loginBytes = bytes(login);
        client.sendMessage(PacketType.LOGIN7, login, 4096);

        assertThat(concat(client.readMessage())).containsExactly(Vectors.bytes("constructed_login_ok_response_tds74"));
        FakeBackend.Capture capture = backend.nextConnection();
        assertThat(capture.prelogin).isEqualTo(PreloginExchange.defaultBackendRequest());
        assertThat(capture.login.payload()).containsExactly(loginBytes);
        selectOne(client, capture);
    }

    private static ServerMessage error(List<Packet> reply) {
        ByteBuf tokens = Unpooled.wrappedBuffer(payloadOf(reply));
        assertThat((int) tokens.getUnsignedByte(0)).isEqualTo(0xAA);
        return ServerMessage.decode(tokens);
    }
}
