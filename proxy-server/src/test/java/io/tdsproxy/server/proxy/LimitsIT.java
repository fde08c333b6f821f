package io.tdsproxy.server.proxy;

import io.tdsproxy.server.config.ProxyTuning;
import io.tdsproxy.testkit.EmbeddedTdsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code [proxy]} limits over real sockets, in front of the embedded backend: a slowloris client
 * is closed at {@code handshaketimeout}, {@code maxconnections} holds with an error the client shows,
 * {@code idletimeout} closes a silent relay, and oversized PRELOGIN / LOGIN7 messages are refused.
 */
class LimitsIT {
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    static Path dir;
    static TestPki pki;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private EmbeddedTdsServer backend;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
    }

    @BeforeEach
    void backend() {
        backend = EmbeddedTdsServer.builder().port(0).build().start();
        resources.add(backend);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private ProxyFixture proxy(ProxyTuning tuning) throws Exception {
        ProxyFixture proxy = ProxyFixture.tls(backend.port(), pki, tuning);
        resources.add(proxy);
        return proxy;
    }

    private static ProxyTuning defaults() {
        return ProxyTuning.DEFAULTS;
    }

    @Test
    void aSlowlorisClientIsClosedAtTheHandshakeTimeout() throws Exception {
        ProxyFixture proxy = proxy(defaults().withTimeouts(Duration.ofSeconds(30), SHORT, Duration.ZERO));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(30_000);
            // The first three bytes of a PRELOGIN packet header, then nothing more.
            socket.getOutputStream().write(new byte[] {0x12, 0x01, 0x00});
            socket.getOutputStream().flush();
            assertThat(readUntilClosed(socket.getInputStream())).as("bytes before the proxy closed").isZero();
        }
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.HANDSHAKE_TIMEOUT);
        assertThat(closed.detail()).contains("AwaitingPrelogin");
    }

    @Test
    void aClientStallingInTheTlsHandshakeIsClosedAtTheHandshakeTimeout() throws Exception {
        ProxyFixture proxy = proxy(defaults().withTimeouts(Duration.ofSeconds(30), SHORT, Duration.ZERO));
        try (TdsTestClient client = new TdsTestClient(proxy.port())) {
            client.prelogin(TdsTestClient.prelogin(io.tdsproxy.tds.prelogin.EncryptionValue.ON));
            // PRELOGIN answered with ENCRYPT_ON; the client never sends its ClientHello.
            client.awaitClosed();
        }
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.HANDSHAKE_TIMEOUT);
        assertThat(closed.detail()).contains("TlsHandshake");
    }

    @Test
    void theConnectionLimitHoldsAndTheRefusedClientIsToldWhy() throws Exception {
        ProxyFixture proxy = proxy(defaults().withMaxConnections(2));
        String url = Jdbc.url(proxy.port(), ";encrypt=true" + Jdbc.trustStore(pki));
        try (Connection first = DriverManager.getConnection(url);
             Connection second = DriverManager.getConnection(url)) {
            assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(17809);
                        assertThat(e.getMessage()).contains("maximum of 2 connections (proxy.maxconnections)");
                    });
            assertThat(first.isValid(5)).isTrue();
            assertThat(second.isValid(5)).isTrue();
            assertThat(closedWith(proxy, ConnectionOutcome.CONNECTION_LIMIT)).isTrue();
        }
        // Slots are given back when connections end.
        assertThat(Jdbc.selectOne(url)).isEqualTo(1);
    }

    @Test
    void aRelayIdleBothWaysIsClosedAtTheIdleTimeout() throws Exception {
        ProxyFixture proxy = proxy(defaults().withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(15), SHORT));
        try (Connection connection = DriverManager.getConnection(Jdbc.url(proxy.port(), ";encrypt=false"))) {
            proxy.events.nextEstablished();
            ConnectionRecord closed = proxy.events.nextClosed();
            assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.IDLE_TIMEOUT);
            assertThatThrownBy(() -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT 1");
                }
            }).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aBusyRelayIsNotIdle() throws Exception {
        ProxyFixture proxy = proxy(defaults().withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(15),
                Duration.ofSeconds(2)));
        try (Connection connection = DriverManager.getConnection(Jdbc.url(proxy.port(), ";encrypt=false"));
             Statement s = connection.createStatement()) {
            // Traffic every 500 ms for 3 s: longer than the 2 s idle timeout, never 2 s of silence.
            s.execute("SELECT 1");
            for (int i = 0; i < 5; i++) {
                s.execute("SELECT " + i);
                Thread.sleep(500);
            }
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void aLogin7LargerThanTheCapIsRefusedWithAnError() throws Exception {
        ProxyFixture proxy = proxy(new ProxyTuning(Duration.ofSeconds(30), 100, Duration.ofSeconds(15), Duration.ZERO,
                4096, 512, 64 * 1024, 256 * 1024));
        char[] longName = new char[128];
        Arrays.fill(longName, 'x');
        // mssql-jdbc allows 128 characters per name; two such UCS-2 names alone are 512 bytes.
        String url = Jdbc.url(proxy.port(), ";encrypt=false;workstationID=" + new String(longName)
                + ";applicationName=" + new String(longName));
        assertThatThrownBy(() -> Jdbc.selectOne(url)).isInstanceOf(SQLException.class)
                .hasMessageContaining("proxy.maxlogin7size = 512");
        assertThat(Jdbc.selectOne(Jdbc.url(proxy.port(), ";encrypt=false"))).isEqualTo(1);
    }

    @Test
    void aPreloginLargerThanTheCapClosesTheConnection() throws Exception {
        ProxyFixture proxy = proxy(new ProxyTuning(Duration.ofSeconds(30), 100, Duration.ofSeconds(15), Duration.ZERO,
                512, 4096, 64 * 1024, 256 * 1024));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(30_000);
            byte[] packet = new byte[8 + 600];
            packet[0] = 0x12;
            packet[1] = 0x01;
            packet[2] = (byte) (packet.length >> 8);
            packet[3] = (byte) packet.length;
            packet[8] = (byte) 0xFF; // an empty option list; the size alone is what matters
            OutputStream out = socket.getOutputStream();
            out.write(packet);
            out.flush();
            assertThat(readUntilClosed(socket.getInputStream())).isZero();
        }
        ConnectionRecord closed = proxy.events.nextClosed();
        assertThat(closed.outcome()).isEqualTo(ConnectionOutcome.PROTOCOL_ERROR);
        assertThat(closed.detail()).contains("PRELOGIN longer than 512 bytes");
    }

    @Test
    void theSocketWaterMarksComeFromTheProxySection() throws Exception {
        ProxyFixture proxy = proxy(defaults().withWaterMarks(12_345, 54_321));
        try (Connection connection = DriverManager.getConnection(Jdbc.url(proxy.port(), ";encrypt=false"))) {
            proxy.events.nextEstablished();
            List<io.netty.channel.Channel> channels = new ArrayList<>(proxy.server.clientChannels());
            assertThat(channels).hasSize(1);
            assertThat(channels.get(0).config().getWriteBufferLowWaterMark()).isEqualTo(12_345);
            assertThat(channels.get(0).config().getWriteBufferHighWaterMark()).isEqualTo(54_321);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    /** Reads until end of stream, returning how many bytes came; fails if the peer keeps the socket open. */
    private static int readUntilClosed(InputStream in) throws IOException {
        int total = 0;
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the proxy kept the connection open for 30 s", e);
        } catch (IOException reset) {
            // A reset is a close as well.
        }
        return total;
    }

    private static boolean closedWith(ProxyFixture proxy, ConnectionOutcome outcome) throws InterruptedException {
        return proxy.events.nextClosed().outcome() == outcome;
    }
}
