package io.tdsproxy.server.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tdsproxy.server.config.BackendConfig;
import io.tdsproxy.server.config.NetworkConfig;
import io.tdsproxy.server.config.ProxyConfig;
import io.tdsproxy.server.config.TlsConfig;
import io.tdsproxy.tds.login.Login7Builder;
import io.tdsproxy.tds.packet.PacketHeader;
import io.tdsproxy.tds.packet.PacketType;
import io.tdsproxy.tds.token.ServerMessage;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import io.tdsproxy.tls.TlsProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TDS 8.0 client leg on the proxy's one port: an external TLS client ({@code openssl s_client})
 * sees the configured certificate, protocol and ALPN {@code tds/8.0}; {@code forcestrict = 1} turns
 * TDS 7.x clients away with a message mssql-jdbc shows; first bytes that are not TDS are closed at once.
 */
class StrictClientLegIT {
    @TempDir
    static Path dir;
    static TestPki pki;
    static EmbeddedTdsServer database;
    static final List<AutoCloseable> RESOURCES = new ArrayList<>();

    @BeforeAll
    static void servers() throws Exception {
        pki = new TestPki(dir);
        database = EmbeddedTdsServer.builder().build().start();
        RESOURCES.add(database);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = RESOURCES.size() - 1; i >= 0; i--) {
            RESOURCES.get(i).close();
        }
        RESOURCES.clear();
    }

    private static ProxyFixture proxy(List<String> protocols, boolean forceEncryption, boolean forceStrict)
            throws Exception {
        TlsConfig tls = new TlsConfig(pki.certificate, pki.key, null, protocols, null, TlsProvider.OPENSSL);
        ProxyFixture proxy = ProxyFixture.start(ProxyConfig.of(
                new NetworkConfig("127.0.0.1", 0, forceEncryption, Optional.of(tls), forceStrict),
                new BackendConfig("127.0.0.1", database.port())));
        RESOURCES.add(proxy);
        return proxy;
    }

    @Test
    void opensslSeesTheCertificateProtocolAndAlpn() throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2", "TLSv1.3"), false, false);
        String out = run("openssl", "s_client", "-connect", "127.0.0.1:" + proxy.port(), "-alpn", "tds/8.0",
                "-servername", "sql.proxy.test", "-CAfile", pki.caPem.toString(), "-verify_return_error");
        assertThat(out).contains("ALPN protocol: tds/8.0");
        assertThat(out).contains("New, TLSv1.3, Cipher is TLS_");
        assertThat(out).contains("subject=CN = localhost").contains("issuer=CN = tdsproxy test CA");
        assertThat(out).as("the configured certificate, byte for byte").contains(leafPem());
        assertThat(out).contains("Verify return code: 0 (ok)");

        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.mode()).isEqualTo(ClientLegMode.STRICT);
        assertThat(closed.tlsProtocol()).contains("TLSv1.3");
        assertThat(closed.sniHostName()).contains("sql.proxy.test");
    }

    @Test
    void opensslWithTls12OnlyListGetsTls12AndNoAlpnOfferIsAccepted() throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), false, false);
        String out = run("openssl", "s_client", "-connect", "127.0.0.1:" + proxy.port(), "-CAfile",
                pki.caPem.toString(), "-verify_return_error");
        assertThat(out).contains("New, TLSv1.2, Cipher is ").contains("No ALPN negotiated");
        assertThat(proxy.events.nextClosed().mode()).isEqualTo(ClientLegMode.STRICT);
        // Another protocol offered: no ALPN answer, no alert, the handshake completes.
        String other = run("openssl", "s_client", "-connect", "127.0.0.1:" + proxy.port(), "-alpn", "h2",
                "-CAfile", pki.caPem.toString(), "-verify_return_error");
        assertThat(other).contains("New, TLSv1.2, Cipher is ").contains("No ALPN negotiated");
        assertThat(proxy.events.nextClosed().tlsProtocol()).contains("TLSv1.2");
    }

    @Test
    void forceStrictRefusesTds7ClientsWithAMessageTheDriverShows() throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2", "TLSv1.3"), false, true);
        for (String encrypt : new String[] {";encrypt=false", ";encrypt=true"}) {
            assertThatThrownBy(() -> Jdbc.selectOne(Jdbc.url(proxy.port(), encrypt + Jdbc.trustStore(pki))))
                    .as(encrypt)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("The server accepts only TDS 8.0 connections with strict encryption");
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.ENCRYPTION_REQUIRED);
            assertThat(closed.mode()).as("the refusal travelled inside TLS").isEqualTo(ClientLegMode.FULL_TLS);
        }
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=strict" + Jdbc.trustStore(pki)))).isEqualTo(1);
        assertThat(proxy.events.nextEstablished().mode()).isEqualTo(ClientLegMode.STRICT);
        assertThat(proxy.events.anyEstablished()).isFalse();
    }

    @Test
    void loginWithoutPreloginIsRefusedWithAnErrorUnderForcedEncryption() throws Exception {
        for (boolean strictOnly : new boolean[] {false, true}) {
            ProxyFixture proxy = proxy(List.of("TLSv1.2"), !strictOnly, strictOnly);
            try (TdsTestClient client = new TdsTestClient(proxy.port())) {
                ByteBuf login = new Login7Builder().userName("sa").password("TdsProxy!2026")
                        .appName("StrictClientLegIT").build(UnpooledByteBufAllocator.DEFAULT);
                client.sendMessage(PacketType.LOGIN7, login, 4096);
                ServerMessage error = error(client.readMessage());
                assertThat(error.severity()).isEqualTo(20);
                assertThat(error.text()).startsWith(strictOnly ? ClientLegPolicy.STRICT_REQUIRED
                        : "The server requires encryption");
                client.awaitClosed();
            }
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.ENCRYPTION_REQUIRED);
            assertThat(closed.mode()).isEqualTo(ClientLegMode.PLAINTEXT);
            assertThat(proxy.events.anyEstablished()).isFalse();
        }
    }

    @Test
    void bytesThatAreNeitherTdsNorTlsAreClosedAtOnce() throws Exception {
        ProxyFixture proxy = proxy(List.of("TLSv1.2"), false, false);
        try (TdsTestClient client = new TdsTestClient(proxy.port())) {
            client.sendRaw("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            client.awaitClosed();
        }
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.PROTOCOL_ERROR);
        assertThat(closed.detail()).contains("0x47").contains("not a SQL Server client");
    }

    /** The first certificate of the configured PEM chain, as s_client prints it. */
    private static String leafPem() throws java.io.IOException {
        String pem = java.nio.file.Files.readString(pki.certificate, StandardCharsets.US_ASCII).replace("\r", "");
        int end = pem.indexOf("-----END CERTIFICATE-----");
        return pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----"), end + "-----END CERTIFICATE-----".length());
    }

    private static ServerMessage error(List<TdsTestClient.Packet> reply) {
        ByteBuf joined = Unpooled.buffer();
        for (TdsTestClient.Packet p : reply) {
            joined.writeBytes(p.bytes(), PacketHeader.SIZE, p.bytes().length - PacketHeader.SIZE);
        }
        assertThat((int) joined.getUnsignedByte(0)).isEqualTo(0xAA);
        return ServerMessage.decode(joined);
    }

    /** Runs a tool with empty stdin; fails (never skips) when it is not installed. */
    static String run(String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (java.io.IOException e) {
            throw new AssertionError(command[0] + " is needed for this test (Debian package openssl; .ci/run installs it)", e);
        }
        process.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }
}
